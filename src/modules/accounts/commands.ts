/**
 * The accounts module's commands, for every caller (GraphQL resolvers, the seed script,
 * tests): each binds the account decider to its stream and checks who may act on it.
 */
import { CUSTOMER_OR_ADMIN, requireOwner } from "../../application/authorization.js";
import { defineCommand, runCommand, type CommandFields } from "../../application/command.js";
import { newId } from "../../core/ids.js";
import { customerNotForgotten, loadCustomer } from "../customers/email-registry.js";
import { accountDecider, type AccountState } from "./account.js";

export interface OpenAccountInput extends CommandFields {
  readonly customerId: string;
}

export interface MoveMoneyInput extends CommandFields {
  readonly accountId: string;
  readonly amountCents: number;
}

/** An open account belongs to its customer; a customer caller acts only on its own. */
const accountOwner = (state: AccountState) => (state.status === "open" ? state.customerId : null);

/** Opens an account for an existing customer; its id is the outcome's streamId. */
export const openAccount = defineCommand(CUSTOMER_OR_ADMIN, async (services, caller, input: OpenAccountInput, consistency) => {
  const { customerId } = input;
  requireOwner(caller, customerId);
  const accountId = newId();
  const customer = await loadCustomer(services.store, customerId);
  return runCommand(services, caller, {
    decider: accountDecider,
    streamId: accountId,
    command: { type: "OpenAccount", data: { accountId, customerId } },
    input,
    consistency,
    context: { customerExists: customer?.status === "registered" },
    guards: [customerNotForgotten(customerId)],
    owner: () => customerId,
  });
});

const moveMoney = (type: "DepositMoney" | "WithdrawMoney") =>
  defineCommand(CUSTOMER_OR_ADMIN, (services, caller, input: MoveMoneyInput, consistency) => {
    const { accountId, amountCents } = input;
    return runCommand(services, caller, {
      decider: accountDecider,
      streamId: accountId,
      command: { type, data: { accountId, amountCents } },
      input,
      consistency,
      owner: accountOwner,
    });
  });

export const depositMoney = moveMoney("DepositMoney");

/** INSUFFICIENT_FUNDS when the amount exceeds the balance. */
export const withdrawMoney = moveMoney("WithdrawMoney");
