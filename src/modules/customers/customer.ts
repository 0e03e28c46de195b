/**
 * Customers: registration, one narrow command per change (email, address, phone), and
 * erasure (forgetCustomer). Email uniqueness across customers is enforced on the write side
 * (./email-registry.ts). Names, emails, phones and addresses are personal data: the log
 * keeps them sealed under the customer's own key (CUSTOMER_PERSONAL_DATA), which forgetting
 * deletes.
 */
import { unreachable, type Command, type DecideContext, type Decider } from "../../core/decider.js";
import { InvalidStateError, NotFoundError } from "../../core/errors.js";
import type { EventSchema } from "../../core/event-schemas.js";
import type { DomainEvent } from "../../core/events.js";
import type { PersonalFields } from "../../core/personal-data.js";
import { requireEmail, requirePhone, requireText } from "../../core/validation.js";

export const CUSTOMER_STREAM = "Customer";

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
}

/** What every personal field of a forgotten customer reads as (null where the field may be null). */
export const FORGOTTEN = "[forgotten]";
const FORGOTTEN_ADDRESS: Address = { line1: FORGOTTEN, line2: null, city: FORGOTTEN, postalCode: FORGOTTEN, country: FORGOTTEN };

/** A customer's name as given and family names. */
export interface PersonName {
  givenName: string;
  /** Null for a one-word name. */
  familyName: string | null;
}

/**
 * A one-line name as given and family names: the family name is the last word, the given
 * name everything before it ("Ada King Lovelace" → "Ada King" + "Lovelace"; "Zendaya" →
 * "Zendaya" + null). The v1 → v2 upcaster of CustomerRegistered, registerCustomer's `name`
 * input and the migration of CUSTOMER_PROFILE's rows all split this way.
 */
export function splitName(name: string): PersonName {
  const match = /^(.*\S)\s+(\S+)$/.exec(name.trim());
  return match ? { givenName: match[1]!, familyName: match[2]! } : { givenName: name.trim(), familyName: null };
}

/** The name shown for a customer: given and family names, one space between. */
export function displayName({ givenName, familyName }: PersonName): string {
  return familyName === null ? givenName : `${givenName} ${familyName}`;
}

// Events ---------------------------------------------------------------------

/** Schema version 2: the name as given and family names (version 1 had one `name`; see CUSTOMER_EVENT_SCHEMAS). */
export type CustomerRegistered = DomainEvent<
  "CustomerRegistered",
  { customerId: string; email: string; phone: string; address: Address } & PersonName
>;
export type CustomerEmailChanged = DomainEvent<"CustomerEmailChanged", { customerId: string; email: string; previousEmail: string }>;
export type CustomerAddressUpdated = DomainEvent<"CustomerAddressUpdated", { customerId: string; address: Address }>;
export type CustomerPhoneNumberChanged = DomainEvent<"CustomerPhoneNumberChanged", { customerId: string; phone: string }>;
/** The customer's personal data was erased: its key is gone, every copy overwritten. */
export type CustomerForgotten = DomainEvent<"CustomerForgotten", { customerId: string; forgottenAt: string }>;
export type CustomerEvent =
  CustomerRegistered | CustomerEmailChanged | CustomerAddressUpdated | CustomerPhoneNumberChanged | CustomerForgotten;

export const CUSTOMER_EVENT_TYPES = [
  "CustomerRegistered",
  "CustomerEmailChanged",
  "CustomerAddressUpdated",
  "CustomerPhoneNumberChanged",
  "CustomerForgotten",
] as const satisfies readonly CustomerEvent["type"][];

/**
 * How the customer events' shapes evolved. CustomerRegistered v1 (everything written before
 * the split) had one `name`; v2 has `givenName` and `familyName`. Reads upcast v1 events with
 * `splitName`; the log keeps them as written.
 */
export const CUSTOMER_EVENT_SCHEMAS: Readonly<Record<string, EventSchema>> = {
  CustomerRegistered: {
    version: 2,
    upcasters: {
      1: ({ name, ...rest }: { name: string }) => ({ ...rest, ...splitName(name) }),
    },
  },
};

const forgotten = {
  name: FORGOTTEN,
  givenName: FORGOTTEN,
  familyName: null,
  email: FORGOTTEN,
  previousEmail: FORGOTTEN,
  phone: FORGOTTEN,
  address: FORGOTTEN_ADDRESS,
};
const ofCustomer = (fields: readonly string[]): PersonalFields => ({
  subject: (data) => data.customerId as string,
  fields,
  forgotten,
});

/** The personal fields of the customer events, sealed under the customer's data key. */
export const CUSTOMER_PERSONAL_DATA: Readonly<Record<string, PersonalFields>> = {
  CustomerRegistered: ofCustomer(["givenName", "familyName", "email", "phone", "address"]),
  CustomerEmailChanged: ofCustomer(["email", "previousEmail"]),
  CustomerAddressUpdated: ofCustomer(["address"]),
  CustomerPhoneNumberChanged: ofCustomer(["phone"]),
};

// State ----------------------------------------------------------------------

export type CustomerState =
  | { status: "none" }
  | ({ status: "registered"; customerId: string; email: string; phone: string; address: Address } & PersonName)
  | { status: "forgotten"; customerId: string };

export function evolve(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case "CustomerRegistered":
      return { status: "registered", ...event.data };
    case "CustomerForgotten":
      return { status: "forgotten", customerId: event.data.customerId };
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
  { customerId: string; email: string; phone: string; address: Address } & PersonName
>;
export type ChangeCustomerEmail = Command<"ChangeCustomerEmail", { customerId: string; email: string }>;
export type UpdateCustomerAddress = Command<"UpdateCustomerAddress", { customerId: string; address: Address }>;
export type ChangeCustomerPhoneNumber = Command<"ChangeCustomerPhoneNumber", { customerId: string; phone: string }>;
export type ForgetCustomer = Command<"ForgetCustomer", { customerId: string }>;
export type CustomerCommand = RegisterCustomer | ChangeCustomerEmail | UpdateCustomerAddress | ChangeCustomerPhoneNumber | ForgetCustomer;

export function decide(command: CustomerCommand, state: CustomerState, context: DecideContext): CustomerEvent[] {
  switch (command.type) {
    case "RegisterCustomer":
      return registerCustomer(command, state);
    case "ChangeCustomerEmail":
      return changeEmail(command, state);
    case "UpdateCustomerAddress":
      return updateAddress(command, state);
    case "ChangeCustomerPhoneNumber":
      return changePhone(command, state);
    case "ForgetCustomer":
      return forget(command, state, context);
    default:
      return unreachable(command);
  }
}

function registerCustomer({ data }: RegisterCustomer, state: CustomerState): CustomerEvent[] {
  if (state.status === "forgotten")
    throw new InvalidStateError(`customer ${data.customerId} was forgotten: its id cannot be registered again`);
  if (state.status !== "none") throw new InvalidStateError(`customer ${data.customerId} is already registered`);
  return [
    {
      type: "CustomerRegistered",
      data: {
        customerId: data.customerId,
        givenName: requireText(data.givenName, "givenName", 200),
        familyName: data.familyName?.trim() ? requireText(data.familyName, "familyName", 200) : null,
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

/** Forgetting a forgotten customer changes nothing (erasure is idempotent). */
function forget({ data }: ForgetCustomer, state: CustomerState, context: DecideContext): CustomerEvent[] {
  if (state.status === "forgotten") return [];
  requireRegistered(state, data.customerId);
  return [{ type: "CustomerForgotten", data: { customerId: data.customerId, forgottenAt: context.now.toISOString() } }];
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
