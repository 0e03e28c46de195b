import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Node } from "../../../graphql/nodes.js";
import { CommandInput } from "../../../graphql/common.js";
import { DateTimeScalar, PositionScalar } from "../../../graphql/scalars.js";

@ObjectType({ description: "A postal address, as the customer gave it (trimmed)." })
export class Address {
  @Field(() => String, { description: "The first line." })
  line1!: string;

  @Field(() => String, { nullable: true, description: "The second line; null when none was given." })
  line2!: string | null;

  @Field(() => String, { description: "City." })
  city!: string;

  @Field(() => String, { description: "Postal code." })
  postalCode!: string;

  @Field(() => String, { description: "Country, as given (free text)." })
  country!: string;
}

@InputType({ description: "A postal address. Each part is trimmed; an empty required part is BAD_USER_INPUT." })
export class AddressInput {
  @Field(() => String, { description: "First line: 1 to 200 characters." })
  line1!: string;

  @Field(() => String, { nullable: true, description: "Second line: at most 200 characters; null, omitted or blank for none." })
  line2?: string | null;

  @Field(() => String, { description: "City: 1 to 100 characters." })
  city!: string;

  @Field(() => String, { description: "Postal code: 1 to 20 characters." })
  postalCode!: string;

  @Field(() => String, { description: "Country: 1 to 100 characters, free text." })
  country!: string;
}

/** How a forgotten customer's personal fields read. */
const FORGOTTEN_NOTE = 'Once the customer is forgotten (forgetCustomer): "[forgotten]".';

@ObjectType({
  implements: Node,
  description:
    'A customer, from the CUSTOMER_PROFILE read model. After forgetCustomer the customer stays (its id, orders and accounts), its personal fields read "[forgotten]" (familyName and address.line2 null) and forgottenAt is set.',
})
export class Customer implements Node {
  @Field(() => ID, { description: "The customer's id (its stream id; for a self-registered customer, its token's subject)." })
  id!: string;

  @Field(() => String, { description: `The customer's name as shown: given and family names, one space between. ${FORGOTTEN_NOTE}` })
  name!: string;

  @Field(() => String, { description: `The given name (for a name registered whole: all but its last word). ${FORGOTTEN_NOTE}` })
  givenName!: string;

  @Field(() => String, {
    nullable: true,
    description: "The family name (for a name registered whole: its last word); null for a one-word name, and once forgotten.",
  })
  familyName!: string | null;

  @Field(() => String, { description: `The email address, lower-cased; no other customer has it. ${FORGOTTEN_NOTE}` })
  email!: string;

  @Field(() => String, { description: `The phone number, as given (trimmed). ${FORGOTTEN_NOTE}` })
  phone!: string;

  @Field(() => Address, { description: `The postal address. ${FORGOTTEN_NOTE.replace(":", ": each part")}` })
  address!: Address;

  @Field(() => DateTimeScalar, { description: "When the customer registered." })
  registeredAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the customer's personal data was erased (forgetCustomer); null until then.",
  })
  forgottenAt!: Date | null;

  @Field(() => DateTimeScalar, { description: "When the last event this row reflects was recorded." })
  updatedAt!: Date;

  @Field(() => Int, { description: "The customer stream's version this row reflects." })
  version!: number;

  @Field(() => PositionScalar, { description: "Global position of the last event this row reflects." })
  position!: bigint;
}

/** What the phone fields accept (core/validation.ts, requirePhone). */
const PHONE =
  "A phone number: 5 to 30 digits, spaces, parentheses or '-', starting and ending with a digit, optionally after a '+'; trimmed.";

@InputType({ description: "Input of registerCustomer: the name whole (`name`), or as given and family names, not both." })
export class RegisterCustomerInput extends CommandInput {
  @Field(() => String, {
    nullable: true,
    description:
      "The whole name, 1 to 200 characters, trimmed: its last word becomes the family name, the rest the given name (one word: a given name only).",
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "The given name, 1 to 200 characters, trimmed (instead of `name`)." })
  givenName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The family name, at most 200 characters, trimmed; omitted, null or blank for none (with `givenName`).",
  })
  familyName?: string | null;

  @Field(() => String, {
    description:
      "An email address, at most 254 characters; stored lower-case. Unique across customers (compared case-insensitively); DUPLICATE when taken.",
  })
  email!: string;

  @Field(() => String, { description: PHONE })
  phone!: string;

  @Field(() => AddressInput, { description: "The postal address." })
  address!: AddressInput;
}

@InputType({ description: "Input of changeCustomerEmail." })
export class ChangeCustomerEmailInput extends CommandInput {
  @Field(() => ID, { description: "The customer (NOT_FOUND if there is none); a customer caller gives its own id (FORBIDDEN otherwise)." })
  customerId!: string;

  @Field(() => String, {
    description: "The new email address, at most 254 characters; stored lower-case. The same email writes nothing.",
  })
  email!: string;
}

@InputType({ description: "Input of updateCustomerAddress." })
export class UpdateCustomerAddressInput extends CommandInput {
  @Field(() => ID, { description: "The customer (NOT_FOUND if there is none); a customer caller gives its own id (FORBIDDEN otherwise)." })
  customerId!: string;

  @Field(() => AddressInput, { description: "The new address, replacing the whole old one. The same address writes nothing." })
  address!: AddressInput;
}

@InputType({ description: "Input of changeCustomerPhoneNumber." })
export class ChangeCustomerPhoneNumberInput extends CommandInput {
  @Field(() => ID, { description: "The customer (NOT_FOUND if there is none); a customer caller gives its own id (FORBIDDEN otherwise)." })
  customerId!: string;

  @Field(() => String, { description: `The new number. ${PHONE} The same number writes nothing.` })
  phone!: string;
}

@InputType({ description: "Input of forgetCustomer." })
export class ForgetCustomerInput extends CommandInput {
  @Field(() => ID, { description: "The customer (NOT_FOUND if there is none); a customer caller gives its own id (FORBIDDEN otherwise)." })
  customerId!: string;
}
