import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { CommandInput } from "../../../graphql/common.js";
import { DateTimeScalar, PositionScalar } from "../../../graphql/scalars.js";

@ObjectType({ description: "A money account, from the ACCOUNT_BALANCE read model (or the event stream with consistent: true)." })
export class Account {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => Int)
  balanceCents!: number;

  @Field(() => DateTimeScalar)
  openedAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  @Field(() => Int, { description: "The account stream's version this row reflects." })
  version!: number;

  @Field(() => PositionScalar, { description: "Global position of the last event this row reflects." })
  position!: bigint;
}

@InputType()
export class OpenAccountInput extends CommandInput {
  @Field(() => ID)
  customerId!: string;
}

@InputType()
export class DepositMoneyInput extends CommandInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int, { description: "Positive, in cents." })
  amountCents!: number;
}

@InputType()
export class WithdrawMoneyInput extends CommandInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int, { description: "Positive, in cents; at most the balance." })
  amountCents!: number;
}
