/**
 * The customers module's commands. A customer stream is keyed by the customer's id, so a
 * customer caller acts only on its own; emails are claimed on the write side (see
 * email-registry.ts), so two customers never share one.
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
import { customerDecider, type Address, type CustomerCommand } from "./customer.js";
import { customerWriteModel } from "./email-registry.js";

export interface AddressInput {
  readonly line1: string;
  readonly line2?: string | null;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

export interface RegisterCustomerInput extends CommandFields {
  readonly name: string;
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

async function run(
  services: CommandServices,
  caller: Caller,
  input: CommandFields,
  command: CustomerCommand,
  consistency: ConsistencyLevel | null | undefined,
) {
  requireRole(caller, CUSTOMER_OR_ADMIN);
  const streamId = command.data.customerId;
  requireOwner(caller, streamId);
  return runCommand(services, caller, customerDecider, input, { streamId, command }, consistency, {
    model: customerWriteModel(services.store, services.pipeline.states),
  });
}

const address = (input: AddressInput): Address => ({
  line1: input.line1,
  line2: input.line2 ?? null,
  city: input.city,
  postalCode: input.postalCode,
  country: input.country,
});

/**
 * Registers a customer; its id is the outcome's streamId. A customer caller registers its
 * own subject as the customer id (once); an admin registers a new customer.
 */
export async function registerCustomer(
  services: CommandServices,
  caller: Caller,
  input: RegisterCustomerInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const customerId = caller.principal?.role === "customer" ? caller.principal.subject : newId();
  const { name, email, phone } = input;
  return run(
    services,
    caller,
    input,
    { type: "RegisterCustomer", data: { customerId, name, email, phone, address: address(input.address) } },
    consistency,
  );
}

/** DUPLICATE when another customer has the email. */
export async function changeCustomerEmail(
  services: CommandServices,
  caller: Caller,
  input: ChangeCustomerEmailInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const { customerId, email } = input;
  return run(services, caller, input, { type: "ChangeCustomerEmail", data: { customerId, email } }, consistency);
}

export async function updateCustomerAddress(
  services: CommandServices,
  caller: Caller,
  input: UpdateCustomerAddressInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const { customerId } = input;
  return run(
    services,
    caller,
    input,
    { type: "UpdateCustomerAddress", data: { customerId, address: address(input.address) } },
    consistency,
  );
}

export async function changeCustomerPhoneNumber(
  services: CommandServices,
  caller: Caller,
  input: ChangeCustomerPhoneNumberInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const { customerId, phone } = input;
  return run(services, caller, input, { type: "ChangeCustomerPhoneNumber", data: { customerId, phone } }, consistency);
}
