import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Info, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { ConnectionList, connectionOf, keysetRequest, listScope, PageArgs, pageRequest } from "../../../graphql/pagination.js";
import { Customer } from "../../customers/graphql/types.js";
import type { EventStore } from "../../../core/event-store.js";
import { inputLimits } from "../../../graphql/limits.js";
import { CUSTOMER_OR_ADMIN, mayRead, mayReadStream, ownRow } from "../../../application/authorization.js";
import type { CommandOutcome } from "../../../application/command.js";
import { Consistency, CONSISTENCY_ARG } from "../../../graphql/common.js";
import type { RowSource } from "../../../graphql/module.js";
import { commandPayloads } from "../../../graphql/payloads.js";
import { readAfter, type Context } from "../../../graphql/context.js";
import { consistentDescription, minPositionDescription, minVersionDescription } from "../../../graphql/descriptions.js";
import { PositionScalar } from "../../../graphql/scalars.js";
import * as commands from "../commands.js";
import { ACCOUNT_STREAM, accountDecider, evolve, MAX_BALANCE_CENTS, type AccountEvent, type AccountState } from "../account.js";
import { ACCOUNT_BALANCE, findAccount, type AccountRow } from "../projections/account-balance.js";
import {
  Account,
  AccountConnection,
  DepositMoneyInput,
  LedgerConnection,
  type LedgerEntry,
  OpenAccountInput,
  WithdrawMoneyInput,
} from "./types.js";

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
    description: "Opens an account, with a balance of 0, for an existing customer; its id is the result's streamId.",
  })
  openAccount(
    @Arg("input", () => OpenAccountInput, { description: "The customer the account is for." }) input: OpenAccountInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.openAccount(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.DepositMoneyPayload, {
    nullable: true,
    description: `Pays money into an account. BAD_USER_INPUT when the balance would exceed ${MAX_BALANCE_CENTS} cents (the GraphQL Int maximum).`,
  })
  depositMoney(
    @Arg("input", () => DepositMoneyInput, { description: "The account and the amount." }) input: DepositMoneyInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.depositMoney(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.WithdrawMoneyPayload, {
    nullable: true,
    description:
      "Takes money out of an account. INSUFFICIENT_FUNDS (with balanceCents and amountCents in extensions) when the amount exceeds " +
      "the balance, also under concurrent withdrawals.",
  })
  withdrawMoney(
    @Arg("input", () => WithdrawMoneyInput, { description: "The account and the amount." }) input: WithdrawMoneyInput,
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
    @Arg("id", () => ID, { description: "The account's id." }) id: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(ACCOUNT_BALANCE) })
    minPosition: bigint | null,
    @Arg("minVersion", () => Int, { nullable: true, description: minVersionDescription("account") }) minVersion: number | null,
    @Arg("consistent", () => Boolean, { nullable: true, defaultValue: false, description: consistentDescription("account") })
    consistent: boolean | null,
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

/** Cursor shapes: an account's ledger, newest first; a customer's accounts, oldest first. */
const LEDGER_CURSOR = { version: "int" } as const;
const ACCOUNTS_CURSOR = { openedAt: "instant", id: "text" } as const;

@Resolver(() => Account)
export class AccountFieldsResolver {
  @ConnectionList()
  @FieldResolver(() => LedgerConnection, { description: "The account's deposits and withdrawals, newest first (ACCOUNT_BALANCE)." })
  async ledger(
    @Root() account: AccountRow,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LedgerConnection> {
    // One account's ledger: its cursors page this account only (page others through account(id) or node(id)).
    const scope = listScope("ledger", account.id);
    const page = pageRequest(pageArgs, LEDGER_CURSOR, scope);
    await readAfter(context, ACCOUNT_BALANCE, null, info);
    const ledger = await context.loaders.ledger.load({ parent: account.id, request: keysetRequest(page, LEDGER_CURSOR) });
    return connectionOf(
      ledger,
      LEDGER_CURSOR,
      scope,
      (row) => ({ version: String(row.version) }),
      (row) => row as unknown as LedgerEntry,
    );
  }
}

@Resolver(() => Customer)
export class CustomerAccountsResolver {
  @Authorized(CUSTOMER_OR_ADMIN)
  @ConnectionList()
  @FieldResolver(() => AccountConnection, {
    nullable: true,
    description: "The customer's accounts, oldest first (ACCOUNT_BALANCE): customers and admins only (null with FORBIDDEN for staff).",
  })
  async accounts(
    @Root() customer: { id: string },
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountConnection | null> {
    const scope = listScope("accounts", customer.id);
    const page = pageRequest(pageArgs, ACCOUNTS_CURSOR, scope);
    // The customer row was read under the customer query's rules; the accounts are the same customer's.
    if (!mayRead(context, customer.id)) return null;
    await readAfter(context, ACCOUNT_BALANCE, null, info);
    const accounts = await context.loaders.accountsOfCustomer.load({ parent: customer.id, request: keysetRequest(page, ACCOUNTS_CURSOR) });
    return connectionOf(
      accounts,
      ACCOUNTS_CURSOR,
      scope,
      (row) => ({ openedAt: row.openedAt, id: row.id }),
      (row) => row as unknown as Account,
    );
  }
}
