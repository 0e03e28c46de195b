/**
 * The accounts module's commands, for every caller (GraphQL resolvers, the seed script,
 * tests): each binds the account decider to its stream and checks who may act on it.
 */
import { CUSTOMER_OR_ADMIN, requireOwner, requireRole } from "../../application/authorization.js";
import {
  runCommand,
  type Caller,
  type CommandFields,
  type CommandOutcome,
  type CommandServices,
  type ConsistencyLevel,
} from "../../application/command.js";
import { newId } from "../../core/ids.js";
import { loadCustomer } from "../customers/email-registry.js";
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
export async function openAccount(
  services: CommandServices,
  caller: Caller,
  input: OpenAccountInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  requireRole(caller, CUSTOMER_OR_ADMIN);
  requireOwner(caller, input.customerId);
  const accountId = newId();
  const customer = await loadCustomer(services.store, input.customerId);
  return runCommand(
    services,
    caller,
    accountDecider,
    input,
    { streamId: accountId, command: { type: "OpenAccount", data: { accountId, customerId: input.customerId } } },
    consistency,
    { context: { customerExists: customer !== null }, owner: () => input.customerId },
  );
}

export async function depositMoney(
  services: CommandServices,
  caller: Caller,
  input: MoveMoneyInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  requireRole(caller, CUSTOMER_OR_ADMIN);
  const { accountId, amountCents } = input;
  return runCommand(
    services,
    caller,
    accountDecider,
    input,
    { streamId: accountId, command: { type: "DepositMoney", data: { accountId, amountCents } } },
    consistency,
    {
      owner: accountOwner,
    },
  );
}

/** INSUFFICIENT_FUNDS when the amount exceeds the balance. */
export async function withdrawMoney(
  services: CommandServices,
  caller: Caller,
  input: MoveMoneyInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  requireRole(caller, CUSTOMER_OR_ADMIN);
  const { accountId, amountCents } = input;
  return runCommand(
    services,
    caller,
    accountDecider,
    input,
    { streamId: accountId, command: { type: "WithdrawMoney", data: { accountId, amountCents } } },
    consistency,
    {
      owner: accountOwner,
    },
  );
}
