import { describe, it } from "vitest";
import { deciderSpec } from "../../../test/support/decider-spec.js";
import { customerDecider, type Address, type CustomerCommand, type CustomerEvent } from "./customer.js";

const given = deciderSpec(customerDecider, {});
const customerId = "cust-1";
const address: Address = { line1: "1 Main St", line2: null, city: "Springfield", postalCode: "12345", country: "US" };
const registered: CustomerEvent = {
  type: "CustomerRegistered",
  data: { customerId, name: "Ada Lovelace", email: "ada@example.com", phone: "+1 555 0100", address },
};
const register = (overrides: Partial<Extract<CustomerCommand, { type: "RegisterCustomer" }>["data"]> = {}): CustomerCommand => ({
  type: "RegisterCustomer",
  data: { customerId, name: "Ada Lovelace", email: "ada@example.com", phone: "+1 555 0100", address, ...overrides },
});

describe("RegisterCustomer", () => {
  it("registers a customer, normalizing email case and trimming text", () =>
    given()
      .when(register({ name: "  Ada Lovelace ", email: " Ada@Example.COM ", address: { ...address, line2: "  " } }))
      .then([registered]));
  it("refuses a malformed email, phone, empty name or address line", () => {
    given()
      .when(register({ email: "not-an-email" }))
      .thenFails("BAD_USER_INPUT", /email/);
    given()
      .when(register({ phone: "call me" }))
      .thenFails("BAD_USER_INPUT", /phone/);
    given()
      .when(register({ name: "   " }))
      .thenFails("BAD_USER_INPUT", /name/);
    given()
      .when(register({ address: { ...address, city: "" } }))
      .thenFails("BAD_USER_INPUT", /address.city/);
    given()
      .when(register({ name: "x".repeat(201) }))
      .thenFails("BAD_USER_INPUT", /at most 200/);
  });
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
