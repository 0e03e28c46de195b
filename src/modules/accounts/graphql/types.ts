import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../../../graphql/nodes.js";
import { ConnectionList, PageInfo } from "../../../graphql/pagination.js";
import { CommandInput } from "../../../graphql/common.js";
import { MAX_BALANCE_CENTS } from "../account.js";
import { DateTimeScalar, PositionScalar } from "../../../graphql/scalars.js";

@ObjectType({
  implements: Node,
  description: "A money account, from the ACCOUNT_BALANCE read model (or the event stream with consistent: true).",
})
export class Account implements Node {
  @Field(() => ID, { description: "The account's id (its stream id)." })
  id!: string;

  @Field(() => ID, { description: "The customer who owns the account." })
  customerId!: string;

  @Field(() => Int, { description: `The balance in cents: 0 to ${MAX_BALANCE_CENTS} (the GraphQL Int maximum); never negative.` })
  balanceCents!: number;

  @Field(() => DateTimeScalar, { description: "When the account was opened." })
  openedAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the last event this row reflects was recorded." })
  updatedAt!: Date;

  @Field(() => Int, { description: "The account stream's version this row reflects." })
  version!: number;

  @Field(() => PositionScalar, { description: "Global position of the last event this row reflects." })
  position!: bigint;
}

@InputType({ description: "Input of openAccount." })
export class OpenAccountInput extends CommandInput {
  @Field(() => ID, {
    description:
      "The account's owner: an existing customer (NOT_FOUND otherwise). A customer caller gives its own id (FORBIDDEN otherwise).",
  })
  customerId!: string;
}

@InputType({ description: "Input of depositMoney." })
export class DepositMoneyInput extends CommandInput {
  @Field(() => ID, { description: "The account to pay into (NOT_FOUND if there is none)." })
  accountId!: string;

  @Field(() => Int, {
    description: `In cents: 1 to ${MAX_BALANCE_CENTS}, and the new balance at most ${MAX_BALANCE_CENTS} (BAD_USER_INPUT otherwise).`,
  })
  amountCents!: number;
}

@InputType({ description: "Input of withdrawMoney." })
export class WithdrawMoneyInput extends CommandInput {
  @Field(() => ID, { description: "The account to take from (NOT_FOUND if there is none)." })
  accountId!: string;

  @Field(() => Int, { description: "In cents: at least 1 (BAD_USER_INPUT), at most the balance (INSUFFICIENT_FUNDS)." })
  amountCents!: number;
}

export enum LedgerEntryKind {
  DEPOSIT = "DEPOSIT",
  WITHDRAWAL = "WITHDRAWAL",
}
registerEnumType(LedgerEntryKind, {
  name: "LedgerEntryKind",
  description: "Which way money moved.",
  valuesConfig: {
    DEPOSIT: { description: "Money paid in (depositMoney)." },
    WITHDRAWAL: { description: "Money taken out (withdrawMoney)." },
  },
});

@ObjectType({ description: "One deposit or withdrawal of an account, with the balance it left (ACCOUNT_BALANCE)." })
export class LedgerEntry {
  @Field(() => LedgerEntryKind, { description: "Deposit or withdrawal." })
  kind!: LedgerEntryKind;

  @Field(() => Int, { description: `The amount moved, in cents: 1 to ${MAX_BALANCE_CENTS}; always positive (kind says which way).` })
  amountCents!: number;

  @Field(() => Int, { description: `The balance right after this entry, in cents: 0 to ${MAX_BALANCE_CENTS}.` })
  balanceAfterCents!: number;

  @Field(() => Int, { description: "The account stream's version the entry was recorded at." })
  version!: number;

  @Field(() => PositionScalar, { description: "The event's global position in the log." })
  position!: bigint;

  @Field(() => DateTimeScalar, { description: "When the event was recorded." })
  recordedAt!: Date;
}

@ObjectType({ description: "A ledger entry and its cursor." })
export class LedgerEntryEdge {
  @Field(() => String, { description: "Opaque cursor of this entry: pass it as `after` (or `before`) for the entries after (before) it." })
  cursor!: string;

  @Field(() => LedgerEntry, { description: "The entry." })
  node!: LedgerEntry;
}

@ObjectType({ description: "A page of an account's ledger, newest first (a Relay connection)." })
export class LedgerConnection {
  @ConnectionList()
  @Field(() => [LedgerEntryEdge], { description: "The page's entries, newest first, each with its cursor." })
  edges!: LedgerEntryEdge[];

  @Field(() => PageInfo, { description: "Whether entries precede or follow this page, and the cursors of its ends." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many entries the account's ledger holds." })
  totalCount!: number;
}

@ObjectType({ description: "An account and its cursor." })
export class AccountEdge {
  @Field(() => String, {
    description: "Opaque cursor of this account: pass it as `after` (or `before`) for the accounts after (before) it.",
  })
  cursor!: string;

  @Field(() => Account, { description: "The account." })
  node!: Account;
}

@ObjectType({ description: "A page of a customer's accounts, oldest first (a Relay connection)." })
export class AccountConnection {
  @ConnectionList()
  @Field(() => [AccountEdge], { description: "The page's accounts, oldest first, each with its cursor." })
  edges!: AccountEdge[];

  @Field(() => PageInfo, { description: "Whether accounts precede or follow this page, and the cursors of its ends." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many accounts the customer has." })
  totalCount!: number;
}
