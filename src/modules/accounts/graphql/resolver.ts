import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, UseMiddleware } from "type-graphql";
import type { EventStore } from "../../../core/event-store.js";
import { inputLimits } from "../../../graphql/limits.js";
import { CUSTOMER_OR_ADMIN, mayReadStream, ownRow } from "../../../application/authorization.js";
import type { CommandOutcome } from "../../../application/command.js";
import { Consistency, CONSISTENCY_ARG } from "../../../graphql/common.js";
import type { RowSource } from "../../../graphql/module.js";
import { commandPayloads } from "../../../graphql/payloads.js";
import { readAfter, type Context } from "../../../graphql/context.js";
import { PositionScalar } from "../../../graphql/scalars.js";
import * as commands from "../commands.js";
import { ACCOUNT_STREAM, accountDecider, evolve, type AccountEvent, type AccountState } from "../account.js";
import { ACCOUNT_BALANCE, findAccount, type AccountRow } from "../projections/account-balance.js";
import { Account, DepositMoneyInput, OpenAccountInput, WithdrawMoneyInput } from "./types.js";

/** ACCOUNT_BALANCE's rows as Account: another customer's account reads as null, as a missing one. */
export const accountRows: RowSource<AccountRow> = {
  type: () => Account,
  read: async (context, id) => ownRow(context, await findAccount(context.services.db.sql, id)),
};

/** The payloads of this module's mutations: each adds the account it changed. */
const payloads = commandPayloads(["OpenAccountPayload", "DepositMoneyPayload", "WithdrawMoneyPayload"], {
  field: "account",
  projection: ACCOUNT_BALANCE,
  rows: accountRows,
});
export const AccountPayloadResolvers = payloads.resolvers;

@Resolver()
@UseMiddleware(inputLimits)
export class AccountResolver {
  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.OpenAccountPayload, {
    nullable: true,
    description: "Opens an account for an existing customer; its id is the result's streamId.",
  })
  openAccount(
    @Arg("input", () => OpenAccountInput) input: OpenAccountInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.openAccount(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.DepositMoneyPayload, { nullable: true })
  depositMoney(
    @Arg("input", () => DepositMoneyInput) input: DepositMoneyInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.depositMoney(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.WithdrawMoneyPayload, {
    nullable: true,
    description: "Fails with INSUFFICIENT_FUNDS when the amount exceeds the balance.",
  })
  withdrawMoney(
    @Arg("input", () => WithdrawMoneyInput) input: WithdrawMoneyInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.withdrawMoney(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Query(() => Account, {
    nullable: true,
    description:
      "An account from ACCOUNT_BALANCE. minPosition waits until the projection has applied every event up to it; " +
      "minVersion waits until this row reflects that stream version; consistent: true reads the event stream instead. " +
      "Another customer's account answers null, as a missing one does.",
  })
  async account(
    @Arg("id", () => ID) id: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Arg("minVersion", () => Int, { nullable: true }) minVersion: number | null,
    @Arg("consistent", () => Boolean, { nullable: true, defaultValue: false }) consistent: boolean | null,
    @Ctx() context: Context,
  ): Promise<AccountRow | null> {
    const { services } = context;
    if (consistent) return (await mayReadStream(context, services.store, id, ACCOUNT_STREAM)) ? readFromStream(services.store, id) : null;
    await readAfter(context, ACCOUNT_BALANCE, minPosition);
    return services.consistency.requireVersion(ACCOUNT_BALANCE, id, minVersion, async () =>
      ownRow(context, await findAccount(services.db.sql, id)),
    );
  }
}

/** The write model's view: the account stream folded now. */
async function readFromStream(store: EventStore, id: string): Promise<AccountRow | null> {
  const events = await store.readStream<AccountEvent>(id);
  const first = events[0];
  const last = events.at(-1);
  // Another kind of stream (an order's id, say) is no account: never fold its events.
  if (!first || !last || first.streamType !== accountDecider.streamType) return null;
  const state: AccountState = events.reduce(evolve, accountDecider.initialState);
  if (state.status !== "open") return null;
  return {
    id,
    customerId: state.customerId,
    balanceCents: state.balanceCents,
    openedAt: first.recordedAt,
    updatedAt: last.recordedAt,
    version: last.version,
    position: last.position,
  };
}
