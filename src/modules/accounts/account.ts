/**
 * Accounts: a customer's money account. Events → state → evolve → commands → decide.
 * Money is integer cents; a balance never goes below zero.
 */
import { unreachable, type Command, type DecideContext, type Decider } from "../../core/decider.js";
import { InsufficientFundsError, InvalidStateError, NotFoundError, ValidationError } from "../../core/errors.js";
import type { DomainEvent } from "../../core/events.js";

export const ACCOUNT_STREAM = "Account";

/** The largest balance a GraphQL Int can carry, in cents. */
export const MAX_BALANCE_CENTS = 2 ** 31 - 1;

// Events ---------------------------------------------------------------------

export type AccountOpened = DomainEvent<"AccountOpened", { accountId: string; customerId: string }>;
export type MoneyDeposited = DomainEvent<"MoneyDeposited", { accountId: string; amountCents: number }>;
export type MoneyWithdrawn = DomainEvent<"MoneyWithdrawn", { accountId: string; amountCents: number }>;
export type AccountEvent = AccountOpened | MoneyDeposited | MoneyWithdrawn;

export const ACCOUNT_EVENT_TYPES = ["AccountOpened", "MoneyDeposited", "MoneyWithdrawn"] as const satisfies readonly AccountEvent["type"][];

// State ----------------------------------------------------------------------

export type AccountState = { status: "none" } | { status: "open"; accountId: string; customerId: string; balanceCents: number };

export function evolve(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case "AccountOpened":
      return { status: "open", accountId: event.data.accountId, customerId: event.data.customerId, balanceCents: 0 };
    case "MoneyDeposited":
      return state.status === "open" ? { ...state, balanceCents: state.balanceCents + event.data.amountCents } : state;
    case "MoneyWithdrawn":
      return state.status === "open" ? { ...state, balanceCents: state.balanceCents - event.data.amountCents } : state;
    default:
      return unreachable(event);
  }
}

// Commands -------------------------------------------------------------------

export type OpenAccount = Command<"OpenAccount", { accountId: string; customerId: string }>;
export type DepositMoney = Command<"DepositMoney", { accountId: string; amountCents: number }>;
export type WithdrawMoney = Command<"WithdrawMoney", { accountId: string; amountCents: number }>;
export type AccountCommand = OpenAccount | DepositMoney | WithdrawMoney;

export interface AccountContext extends DecideContext {
  /** Whether the account's customer exists on the write side (OpenAccount). */
  customerExists?: boolean;
}

export function decide(command: AccountCommand, state: AccountState, context: AccountContext): AccountEvent[] {
  switch (command.type) {
    case "OpenAccount":
      return openAccount(command, state, context);
    case "DepositMoney":
      return depositMoney(command, state);
    case "WithdrawMoney":
      return withdrawMoney(command, state);
    default:
      return unreachable(command);
  }
}

function openAccount({ data }: OpenAccount, state: AccountState, context: AccountContext): AccountEvent[] {
  if (state.status !== "none") throw new InvalidStateError(`account ${data.accountId} already exists`);
  if (!context.customerExists) throw new NotFoundError(`customer ${data.customerId} does not exist`, { field: "customerId" });
  return [{ type: "AccountOpened", data: { accountId: data.accountId, customerId: data.customerId } }];
}

function depositMoney({ data }: DepositMoney, state: AccountState): AccountEvent[] {
  requirePositiveAmount(data.amountCents);
  const account = requireOpen(state, data.accountId);
  if (account.balanceCents + data.amountCents > MAX_BALANCE_CENTS) {
    throw new ValidationError(`the balance would exceed the maximum of ${MAX_BALANCE_CENTS} cents`, { field: "amountCents" });
  }
  return [{ type: "MoneyDeposited", data: { accountId: data.accountId, amountCents: data.amountCents } }];
}

function withdrawMoney({ data }: WithdrawMoney, state: AccountState): AccountEvent[] {
  requirePositiveAmount(data.amountCents);
  const account = requireOpen(state, data.accountId);
  if (data.amountCents > account.balanceCents) {
    throw new InsufficientFundsError(`account ${data.accountId} has ${account.balanceCents} cents, cannot withdraw ${data.amountCents}`, {
      balanceCents: account.balanceCents,
      amountCents: data.amountCents,
    });
  }
  return [{ type: "MoneyWithdrawn", data: { accountId: data.accountId, amountCents: data.amountCents } }];
}

function requirePositiveAmount(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw new ValidationError("amountCents must be a positive integer", { field: "amountCents" });
  }
}

function requireOpen(state: AccountState, accountId: string): Extract<AccountState, { status: "open" }> {
  if (state.status !== "open") throw new NotFoundError(`account ${accountId} does not exist`);
  return state;
}

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState, AccountContext> = {
  streamType: ACCOUNT_STREAM,
  initialState: { status: "none" },
  evolve,
  decide,
  // An account's stream grows with every deposit and withdrawal, without end: a load after a
  // restart reads the latest snapshot and at most 99 events. Version 1: AccountState as above.
  snapshot: { every: 100, version: 1 },
};
