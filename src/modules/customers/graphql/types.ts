import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { CommandInput } from "../../../graphql/common.js";
import { DateTimeScalar, PositionScalar } from "../../../graphql/scalars.js";

@ObjectType()
export class Address {
  @Field(() => String)
  line1!: string;

  @Field(() => String, { nullable: true })
  line2!: string | null;

  @Field(() => String)
  city!: string;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String)
  country!: string;
}

@InputType()
export class AddressInput {
  @Field(() => String)
  line1!: string;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field(() => String)
  city!: string;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String)
  country!: string;
}

@ObjectType({ description: "A customer, from the CUSTOMER_PROFILE read model." })
export class Customer {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  phone!: string;

  @Field(() => Address)
  address!: Address;

  @Field(() => DateTimeScalar)
  registeredAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;

  @Field(() => PositionScalar)
  position!: bigint;
}

@InputType()
export class RegisterCustomerInput extends CommandInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "Unique across customers (compared case-insensitively); DUPLICATE when taken." })
  email!: string;

  @Field(() => String)
  phone!: string;

  @Field(() => AddressInput)
  address!: AddressInput;
}

@InputType()
export class ChangeCustomerEmailInput extends CommandInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => String)
  email!: string;
}

@InputType()
export class UpdateCustomerAddressInput extends CommandInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => AddressInput)
  address!: AddressInput;
}

@InputType()
export class ChangeCustomerPhoneNumberInput extends CommandInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => String)
  phone!: string;
}
