/**
 * Customers: registration and one narrow command per change (email, address, phone).
 * Email uniqueness across customers is enforced on the write side (./email-registry.ts).
 */
import { unreachable, type Command, type DecideContext, type Decider } from "../../core/decider.js";
import { InvalidStateError, NotFoundError } from "../../core/errors.js";
import type { DomainEvent } from "../../core/events.js";
import { requireEmail, requirePhone, requireText } from "../../core/validation.js";

export const CUSTOMER_STREAM = "Customer";

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
}

// Events ---------------------------------------------------------------------

export type CustomerRegistered = DomainEvent<
  "CustomerRegistered",
  { customerId: string; name: string; email: string; phone: string; address: Address }
>;
export type CustomerEmailChanged = DomainEvent<"CustomerEmailChanged", { customerId: string; email: string; previousEmail: string }>;
export type CustomerAddressUpdated = DomainEvent<"CustomerAddressUpdated", { customerId: string; address: Address }>;
export type CustomerPhoneNumberChanged = DomainEvent<"CustomerPhoneNumberChanged", { customerId: string; phone: string }>;
export type CustomerEvent = CustomerRegistered | CustomerEmailChanged | CustomerAddressUpdated | CustomerPhoneNumberChanged;

export const CUSTOMER_EVENT_TYPES = [
  "CustomerRegistered",
  "CustomerEmailChanged",
  "CustomerAddressUpdated",
  "CustomerPhoneNumberChanged",
] as const satisfies readonly CustomerEvent["type"][];

// State ----------------------------------------------------------------------

export type CustomerState =
  { status: "none" } | { status: "registered"; customerId: string; name: string; email: string; phone: string; address: Address };

export function evolve(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case "CustomerRegistered":
      return { status: "registered", ...event.data };
    case "CustomerEmailChanged":
      return state.status === "registered" ? { ...state, email: event.data.email } : state;
    case "CustomerAddressUpdated":
      return state.status === "registered" ? { ...state, address: event.data.address } : state;
    case "CustomerPhoneNumberChanged":
      return state.status === "registered" ? { ...state, phone: event.data.phone } : state;
    default:
      return unreachable(event);
  }
}

// Commands -------------------------------------------------------------------

export type RegisterCustomer = Command<
  "RegisterCustomer",
  { customerId: string; name: string; email: string; phone: string; address: Address }
>;
export type ChangeCustomerEmail = Command<"ChangeCustomerEmail", { customerId: string; email: string }>;
export type UpdateCustomerAddress = Command<"UpdateCustomerAddress", { customerId: string; address: Address }>;
export type ChangeCustomerPhoneNumber = Command<"ChangeCustomerPhoneNumber", { customerId: string; phone: string }>;
export type CustomerCommand = RegisterCustomer | ChangeCustomerEmail | UpdateCustomerAddress | ChangeCustomerPhoneNumber;

export function decide(command: CustomerCommand, state: CustomerState, _context: DecideContext): CustomerEvent[] {
  switch (command.type) {
    case "RegisterCustomer":
      return registerCustomer(command, state);
    case "ChangeCustomerEmail":
      return changeEmail(command, state);
    case "UpdateCustomerAddress":
      return updateAddress(command, state);
    case "ChangeCustomerPhoneNumber":
      return changePhone(command, state);
    default:
      return unreachable(command);
  }
}

function registerCustomer({ data }: RegisterCustomer, state: CustomerState): CustomerEvent[] {
  if (state.status !== "none") throw new InvalidStateError(`customer ${data.customerId} is already registered`);
  return [
    {
      type: "CustomerRegistered",
      data: {
        customerId: data.customerId,
        name: requireText(data.name, "name", 200),
        email: requireEmail(data.email),
        phone: requirePhone(data.phone),
        address: validAddress(data.address),
      },
    },
  ];
}

function changeEmail({ data }: ChangeCustomerEmail, state: CustomerState): CustomerEvent[] {
  const email = requireEmail(data.email);
  const customer = requireRegistered(state, data.customerId);
  if (email === customer.email) return [];
  return [{ type: "CustomerEmailChanged", data: { customerId: data.customerId, email, previousEmail: customer.email } }];
}

function updateAddress({ data }: UpdateCustomerAddress, state: CustomerState): CustomerEvent[] {
  const address = validAddress(data.address);
  const customer = requireRegistered(state, data.customerId);
  if (sameAddress(address, customer.address)) return [];
  return [{ type: "CustomerAddressUpdated", data: { customerId: data.customerId, address } }];
}

function changePhone({ data }: ChangeCustomerPhoneNumber, state: CustomerState): CustomerEvent[] {
  const phone = requirePhone(data.phone);
  const customer = requireRegistered(state, data.customerId);
  if (phone === customer.phone) return [];
  return [{ type: "CustomerPhoneNumberChanged", data: { customerId: data.customerId, phone } }];
}

function validAddress(address: Address): Address {
  const line2 = address.line2?.trim() ? requireText(address.line2, "address.line2", 200) : null;
  return {
    line1: requireText(address.line1, "address.line1", 200),
    line2,
    city: requireText(address.city, "address.city", 100),
    postalCode: requireText(address.postalCode, "address.postalCode", 20),
    country: requireText(address.country, "address.country", 100),
  };
}

function sameAddress(a: Address, b: Address): boolean {
  return a.line1 === b.line1 && a.line2 === b.line2 && a.city === b.city && a.postalCode === b.postalCode && a.country === b.country;
}

function requireRegistered(state: CustomerState, customerId: string): Extract<CustomerState, { status: "registered" }> {
  if (state.status !== "registered") throw new NotFoundError(`customer ${customerId} does not exist`);
  return state;
}

export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  streamType: CUSTOMER_STREAM,
  initialState: { status: "none" },
  evolve,
  decide,
};
