/** Building blocks for API tests: a customer, a product, an order, through the real API. */
import { randomUUID } from "node:crypto";
import { AddProductDocument, CreateOrderDocument, RegisterCustomerDocument } from "../generated/graphql.js";
import type { TestServer } from "./server.js";

export const ADDRESS = { line1: "1 Main St", line2: null, city: "Springfield", postalCode: "12345", country: "US" };

export async function registerCustomer(api: TestServer, overrides: { name?: string; email?: string } = {}): Promise<string> {
  const { registerCustomer } = await api.mutate(RegisterCustomerDocument, {
    input: { name: "Ada Lovelace", email: `ada-${randomUUID()}@example.com`, phone: "+1 555 0100", address: ADDRESS, ...overrides },
  });
  return registerCustomer.streamId;
}

export async function addProduct(api: TestServer, name: string, priceCents: number): Promise<string> {
  const { addProduct } = await api.mutate(AddProductDocument, { input: { sku: `SKU-${randomUUID().slice(0, 8)}`, name, priceCents } });
  return addProduct.streamId;
}

export async function createOrder(api: TestServer, customerId: string, items: { productId: string; quantity: number }[]) {
  const { createOrder } = await api.mutate(CreateOrderDocument, { input: { customerId, items } });
  return createOrder;
}

export function codes(response: { errors?: readonly { extensions?: Record<string, unknown> }[] }): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** Codes a client may be answered with: its own mistakes, and the domain's refusals (never INTERNAL_SERVER_ERROR). */
export const CLIENT_CODES: ReadonlySet<string> = new Set([
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "NOT_FOUND",
  "INSUFFICIENT_FUNDS",
  "INVALID_STATE",
  "CONCURRENCY_CONFLICT",
  "DUPLICATE",
  "CONSISTENCY_TIMEOUT",
  "FORBIDDEN",
  "UNAUTHENTICATED",
]);

/** What an error message must never carry: a stack frame, a path, SQL, the database's own words. */
export const LEAKS =
  // A stack frame ("at fn (/path/file.js:1:2)", "at /path/file.js:1:2"), not a time of day in a quoted value.
  /\bat (?:\S+ \()?[^\s"]*[/\\][^\s"]*:\d+:\d+|node_modules|SELECT |INSERT |UPDATE |prisma|sqlstate|violates|relation "|out of range|syntax for type/i;
