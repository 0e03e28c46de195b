/** Given events, when a command, then events or an error: the account decider. */
import { describe, expect, it } from "vitest";
import { fold } from "../../core/decider.js";
import { deciderSpec } from "../../../test/support/decider-spec.js";
import { accountDecider, MAX_BALANCE_CENTS, type AccountCommand, type AccountEvent } from "./account.js";

const accountId = "acc-1";
const given = deciderSpec(accountDecider, { customerExists: true });

const opened: AccountEvent = { type: "AccountOpened", data: { accountId, customerId: "cust-1" } };
const deposited = (amountCents: number): AccountEvent => ({ type: "MoneyDeposited", data: { accountId, amountCents } });
const withdrawn = (amountCents: number): AccountEvent => ({ type: "MoneyWithdrawn", data: { accountId, amountCents } });
const open: AccountCommand = { type: "OpenAccount", data: { accountId, customerId: "cust-1" } };
const deposit = (amountCents: number): AccountCommand => ({ type: "DepositMoney", data: { accountId, amountCents } });
const withdraw = (amountCents: number): AccountCommand => ({ type: "WithdrawMoney", data: { accountId, amountCents } });

describe("OpenAccount", () => {
  it("opens a new account", () => given().when(open).then([opened]));
  it("refuses to open an account twice", () => given(opened).when(open).thenFails("INVALID_STATE"));
  it("needs an existing customer", () =>
    given()
      .when(open, { customerExists: false })
      .thenFails("NOT_FOUND", /customer cust-1/));
});

describe("DepositMoney", () => {
  it("deposits a positive amount", () =>
    given(opened)
      .when(deposit(250))
      .then([deposited(250)]));
  it("refuses zero, negative and fractional amounts", () => {
    given(opened).when(deposit(0)).thenFails("BAD_USER_INPUT");
    given(opened).when(deposit(-5)).thenFails("BAD_USER_INPUT");
    given(opened).when(deposit(1.5)).thenFails("BAD_USER_INPUT");
  });
  it("needs an existing account", () => given().when(deposit(10)).thenFails("NOT_FOUND"));
  it("refuses a balance beyond what a GraphQL Int carries", () =>
    given(opened, deposited(MAX_BALANCE_CENTS - 10))
      .when(deposit(11))
      .thenFails("BAD_USER_INPUT"));
});

describe("WithdrawMoney", () => {
  it("withdraws up to the balance", () =>
    given(opened, deposited(100))
      .when(withdraw(100))
      .then([withdrawn(100)]));
  it("refuses more than the balance", () =>
    given(opened, deposited(100), withdrawn(60))
      .when(withdraw(41))
      .thenFails("INSUFFICIENT_FUNDS", /has 40 cents/));
  it("refuses non-positive amounts before looking at the balance", () =>
    given(opened, deposited(100)).when(withdraw(0)).thenFails("BAD_USER_INPUT"));
  it("needs an existing account", () => given().when(withdraw(1)).thenFails("NOT_FOUND"));
});

describe("evolve", () => {
  it("folds deposits and withdrawals into the balance", () => {
    expect(fold(accountDecider, [opened, deposited(100), withdrawn(30), deposited(5)])).toEqual({
      status: "open",
      accountId,
      customerId: "cust-1",
      balanceCents: 75,
    });
  });
});
