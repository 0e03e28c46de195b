import { describe, expect, it } from "vitest";
import { deciderSpec, NOW } from "../../../test/support/decider-spec.js";
import {
  customerDecider,
  CUSTOMER_EVENT_SCHEMAS,
  displayName,
  splitName,
  type Address,
  type CustomerCommand,
  type CustomerEvent,
} from "./customer.js";
import { EventSchemas } from "../../core/event-schemas.js";

const given = deciderSpec(customerDecider, {});
const customerId = "cust-1";
const address: Address = { line1: "1 Main St", line2: null, city: "Springfield", postalCode: "12345", country: "US" };
const registered: CustomerEvent = {
  type: "CustomerRegistered",
  data: { customerId, givenName: "Ada", familyName: "Lovelace", email: "ada@example.com", phone: "+1 555 0100", address },
};
const register = (overrides: Partial<Extract<CustomerCommand, { type: "RegisterCustomer" }>["data"]> = {}): CustomerCommand => ({
  type: "RegisterCustomer",
  data: { customerId, givenName: "Ada", familyName: "Lovelace", email: "ada@example.com", phone: "+1 555 0100", address, ...overrides },
});

describe("RegisterCustomer", () => {
  it("registers a customer, normalizing email case and trimming text", () =>
    given()
      .when(register({ givenName: "  Ada ", familyName: " Lovelace", email: " Ada@Example.COM ", address: { ...address, line2: "  " } }))
      .then([registered]));
  it("refuses a malformed email, phone, empty name or address line", () => {
    given()
      .when(register({ email: "not-an-email" }))
      .thenFails("BAD_USER_INPUT", /email/);
    given()
      .when(register({ phone: "call me" }))
      .thenFails("BAD_USER_INPUT", /phone/);
    given()
      .when(register({ givenName: "   " }))
      .thenFails("BAD_USER_INPUT", /givenName/);
    given()
      .when(register({ address: { ...address, city: "" } }))
      .thenFails("BAD_USER_INPUT", /address.city/);
    given()
      .when(register({ familyName: "x".repeat(201) }))
      .thenFails("BAD_USER_INPUT", /familyName must be at most 200/);
  });
  it("records a blank family name as none", () =>
    given()
      .when(register({ familyName: "  " }))
      .then([{ ...registered, data: { ...registered.data, familyName: null } }]));
  it("refuses to register the same customer twice", () => given(registered).when(register()).thenFails("INVALID_STATE"));
});

describe("ChangeCustomerEmail", () => {
  it("changes the email and remembers the previous one", () =>
    given(registered)
      .when({ type: "ChangeCustomerEmail", data: { customerId, email: "ada@lovelace.dev" } })
      .then([{ type: "CustomerEmailChanged", data: { customerId, email: "ada@lovelace.dev", previousEmail: "ada@example.com" } }]));
  it("does nothing for the same email in another case", () =>
    given(registered)
      .when({ type: "ChangeCustomerEmail", data: { customerId, email: "ADA@example.com" } })
      .then([]));
  it("needs a registered customer", () =>
    given()
      .when({ type: "ChangeCustomerEmail", data: { customerId, email: "a@b.co" } })
      .thenFails("NOT_FOUND"));
  it("refuses a malformed email", () =>
    given(registered)
      .when({ type: "ChangeCustomerEmail", data: { customerId, email: "@nope" } })
      .thenFails("BAD_USER_INPUT"));
});

describe("UpdateCustomerAddress", () => {
  const moved: Address = { ...address, line1: "2 Elm St", line2: "Flat 3" };
  it("updates the address", () =>
    given(registered)
      .when({ type: "UpdateCustomerAddress", data: { customerId, address: moved } })
      .then([{ type: "CustomerAddressUpdated", data: { customerId, address: moved } }]));
  it("does nothing for the same address", () =>
    given(registered).when({ type: "UpdateCustomerAddress", data: { customerId, address } }).then([]));
  it("needs a registered customer", () =>
    given().when({ type: "UpdateCustomerAddress", data: { customerId, address } }).thenFails("NOT_FOUND"));
});

describe("ChangeCustomerPhoneNumber", () => {
  it("changes the phone number", () =>
    given(registered)
      .when({ type: "ChangeCustomerPhoneNumber", data: { customerId, phone: "+44 20 7946 0000" } })
      .then([{ type: "CustomerPhoneNumberChanged", data: { customerId, phone: "+44 20 7946 0000" } }]));
  it("refuses a malformed phone number", () =>
    given(registered)
      .when({ type: "ChangeCustomerPhoneNumber", data: { customerId, phone: "12" } })
      .thenFails("BAD_USER_INPUT"));
  it("needs a registered customer", () =>
    given()
      .when({ type: "ChangeCustomerPhoneNumber", data: { customerId, phone: "+1 555 0100" } })
      .thenFails("NOT_FOUND"));
});

describe("ForgetCustomer", () => {
  const forget: CustomerCommand = { type: "ForgetCustomer", data: { customerId } };
  const forgotten: CustomerEvent = { type: "CustomerForgotten", data: { customerId, forgottenAt: NOW.toISOString() } };
  it("forgets a registered customer, at the time of the command", () => given(registered).when(forget).then([forgotten]));
  it("changes nothing the second time", () => given(registered, forgotten).when(forget).then([]));
  it("needs a registered customer", () => given().when(forget).thenFails("NOT_FOUND"));
  it("leaves a forgotten customer unchangeable, and unregistrable again", () => {
    given(registered, forgotten)
      .when({ type: "ChangeCustomerEmail", data: { customerId, email: "a@b.co" } })
      .thenFails("NOT_FOUND");
    given(registered, forgotten)
      .when({ type: "ChangeCustomerPhoneNumber", data: { customerId, phone: "+1 555 0101" } })
      .thenFails("NOT_FOUND");
    given(registered, forgotten)
      .when(register())
      .thenFails("INVALID_STATE", /was forgotten/);
  });
});

describe("CustomerRegistered's schema", () => {
  const schemas = new EventSchemas(CUSTOMER_EVENT_SCHEMAS);
  it("is at version 2; version 1 (one name) upcasts to given and family names", () => {
    expect(schemas.versionOf("CustomerRegistered")).toBe(2);
    const v1 = { customerId, name: "Ada King Lovelace", email: "ada@example.com", phone: "+1 555 0100", address };
    expect(schemas.upcast("CustomerRegistered", 1, v1)).toEqual({
      customerId,
      givenName: "Ada King",
      familyName: "Lovelace",
      email: "ada@example.com",
      phone: "+1 555 0100",
      address,
    });
    expect(schemas.upcast("CustomerRegistered", 2, registered.data)).toBe(registered.data);
  });
  it("refuses a version newer than it knows", () => {
    expect(() => schemas.upcast("CustomerRegistered", 3, registered.data)).toThrow(/schema version 3.*upgrade/);
  });
  it("splits names at the last space, and shows them joined again", () => {
    expect(splitName("Zendaya")).toEqual({ givenName: "Zendaya", familyName: null });
    expect(splitName("  Ada   Lovelace ")).toEqual({ givenName: "Ada", familyName: "Lovelace" });
    expect(splitName("Mary  Ann Smith")).toEqual({ givenName: "Mary  Ann", familyName: "Smith" });
    for (const name of ["Zendaya", "Ada Lovelace", "Mary  Ann Smith", "Jean-Luc Picard"]) expect(displayName(splitName(name))).toBe(name);
  });
  it("takes the events of an old log through the decider's fold as the new shape", () => {
    const v1 = { customerId, name: "Ada Lovelace", email: "ada@example.com", phone: "+1 555 0100", address };
    const upcast = { type: "CustomerRegistered", data: schemas.upcast("CustomerRegistered", 1, v1) } as CustomerEvent;
    expect(customerDecider.evolve(customerDecider.initialState, upcast)).toEqual(
      customerDecider.evolve(customerDecider.initialState, registered),
    );
  });
});
