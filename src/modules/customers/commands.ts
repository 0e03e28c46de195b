/**
 * The customers module's commands. A customer stream is keyed by the customer's id, so a
 * customer caller acts only on its own; emails are claimed on the write side (see
 * email-registry.ts), so two customers never share one.
 */
import { CUSTOMER_OR_ADMIN, requireOwner } from "../../application/authorization.js";
import {
  defineCommand,
  runCommand,
  type Caller,
  type CommandFields,
  type CommandServices,
  type ConsistencyLevel,
} from "../../application/command.js";
import { ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { requireText } from "../../core/validation.js";
import { customerDecider, splitName, type Address, type CustomerCommand, type PersonName } from "./customer.js";
import { customerWriteModel } from "./email-registry.js";

export interface AddressInput {
  readonly line1: string;
  readonly line2?: string | null;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

export interface RegisterCustomerInput extends CommandFields {
  /** The whole name, split as `splitName` does; or `givenName` and `familyName`, not both. */
  readonly name?: string | null;
  readonly givenName?: string | null;
  readonly familyName?: string | null;
  readonly email: string;
  readonly phone: string;
  readonly address: AddressInput;
}

export interface ChangeCustomerEmailInput extends CommandFields {
  readonly customerId: string;
  readonly email: string;
}

export interface UpdateCustomerAddressInput extends CommandFields {
  readonly customerId: string;
  readonly address: AddressInput;
}

export interface ChangeCustomerPhoneNumberInput extends CommandFields {
  readonly customerId: string;
  readonly phone: string;
}

export interface ForgetCustomerInput extends CommandFields {
  readonly customerId: string;
}

function run(
  services: CommandServices,
  caller: Caller,
  input: CommandFields,
  command: CustomerCommand,
  consistency?: ConsistencyLevel | null,
) {
  const streamId = command.data.customerId;
  requireOwner(caller, streamId);
  const model = customerWriteModel(services.store, services.pipeline.states);
  return runCommand(services, caller, { decider: customerDecider, streamId, command, input, consistency, model });
}

const address = (input: AddressInput): Address => ({
  line1: input.line1,
  line2: input.line2 ?? null,
  city: input.city,
  postalCode: input.postalCode,
  country: input.country,
});

/** The name of a registration: `name` whole, or as given and family names. */
function personName(input: RegisterCustomerInput): PersonName {
  if (input.name != null) {
    if (input.givenName != null || input.familyName != null) {
      throw new ValidationError("give either name or givenName (with familyName), not both", { field: "name" });
    }
    return splitName(requireText(input.name, "name", 200));
  }
  if (input.givenName == null) throw new ValidationError("name, or givenName (with familyName), is required", { field: "givenName" });
  return { givenName: input.givenName, familyName: input.familyName ?? null };
}

/**
 * Registers a customer; its id is the outcome's streamId. A customer caller registers its
 * own subject as the customer id (once); an admin registers a new customer.
 */
export const registerCustomer = defineCommand(CUSTOMER_OR_ADMIN, (services, caller, input: RegisterCustomerInput, consistency) => {
  const customerId = caller.principal?.role === "customer" ? caller.principal.subject : newId();
  const { email, phone } = input;
  const command: CustomerCommand = {
    type: "RegisterCustomer",
    data: { customerId, ...personName(input), email, phone, address: address(input.address) },
  };
  return run(services, caller, input, command, consistency);
});

/** DUPLICATE when another customer has the email. */
export const changeCustomerEmail = defineCommand(CUSTOMER_OR_ADMIN, (services, caller, input: ChangeCustomerEmailInput, consistency) => {
  const { customerId, email } = input;
  return run(services, caller, input, { type: "ChangeCustomerEmail", data: { customerId, email } }, consistency);
});

export const updateCustomerAddress = defineCommand(
  CUSTOMER_OR_ADMIN,
  (services, caller, input: UpdateCustomerAddressInput, consistency) => {
    const { customerId } = input;
    return run(
      services,
      caller,
      input,
      { type: "UpdateCustomerAddress", data: { customerId, address: address(input.address) } },
      consistency,
    );
  },
);

export const changeCustomerPhoneNumber = defineCommand(
  CUSTOMER_OR_ADMIN,
  (services, caller, input: ChangeCustomerPhoneNumberInput, consistency) => {
    const { customerId, phone } = input;
    return run(services, caller, input, { type: "ChangeCustomerPhoneNumber", data: { customerId, phone } }, consistency);
  },
);

/**
 * Erases the customer's personal data: deletes its data key (every sealed copy in the log
 * becomes unreadable), its email claim and snapshots, and has every read model overwrite its
 * copies (CustomerForgotten). Its orders and accounts stay. The customer itself or an admin;
 * forgetting a forgotten customer changes nothing.
 */
export const forgetCustomer = defineCommand(CUSTOMER_OR_ADMIN, (services, caller, input: ForgetCustomerInput, consistency) => {
  const { customerId } = input;
  return run(services, caller, input, { type: "ForgetCustomer", data: { customerId } }, consistency);
});
