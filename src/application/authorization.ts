/**
 * Who may do what, whatever the transport. Each operation names the roles that may call it
 * (GraphQL: `@Authorized(...)`, checked by graphql/authorization.ts with requireRole).
 * Customer-owned data is checked against the caller's subject by the module's commands and
 * reads, with the helpers below, on the write model or the row itself, so a customer reaches
 * only its own customer, accounts and orders: a command or a list of another's is FORBIDDEN,
 * a read by id of another's row answers null, as for a missing one.
 *
 * | role     | may                                                                                   |
 * | customer | its own customer, accounts and orders: commands, queries, subscriptions; the catalog  |
 * | staff    | the catalog, shipping, orders and customers (read), dashboards and analytics           |
 * | admin    | everything, including rebuilds                                                        |
 */
import type { Principal, Role } from "../auth/authenticator.js";
import { ForbiddenError, UnauthenticatedError } from "../core/errors.js";
import type { EventStore } from "../core/event-store.js";

/** Who issues a command or a read: the authenticated principal (null: anonymous). */
export interface HasPrincipal {
  readonly principal: Principal | null;
}

/** Role lists (for `@Authorized(...)`, among others). */
export const CUSTOMER_OR_ADMIN: Role[] = ["customer", "admin"];
export const STAFF: Role[] = ["staff", "admin"];
export const ADMIN: Role[] = ["admin"];
/** Customers (their own), staff and admin. */
export const ANY_ROLE: Role[] = ["customer", "staff", "admin"];

/** The caller, when its role is one of `roles`: UNAUTHENTICATED without one, FORBIDDEN otherwise. */
export function requireRole(context: HasPrincipal, roles: readonly Role[]): Principal {
  const principal = authenticated(context);
  if (!roles.includes(principal.role)) throw new ForbiddenError(`not allowed for the ${principal.role} role`);
  return principal;
}

export function authenticated(context: HasPrincipal): Principal {
  if (!context.principal) throw new UnauthenticatedError("this operation needs a token: send the header Authorization: Bearer <jwt>");
  return context.principal;
}

/**
 * Throws FORBIDDEN unless the caller may act on data owned by `customerId`: the customer
 * itself, or any other role the field admits (its @Authorized roles were checked already).
 * An unknown owner (no such row or stream) is FORBIDDEN for a customer too, so that a
 * customer cannot tell another customer's data from missing data.
 */
export function requireOwner(context: HasPrincipal, customerId: string | null | undefined): void {
  const principal = authenticated(context);
  if (principal.role === "customer" && principal.subject !== customerId) {
    throw new ForbiddenError("a customer may only reach its own customer, accounts and orders");
  }
}

/** The owner check as a function of a write model's state, for the command pipeline. */
export function ownerCheck<S>(context: HasPrincipal, ownerOf: (state: S) => string | null | undefined): ((state: S) => void) | undefined {
  if (context.principal?.role !== "customer") return undefined;
  return (state) => requireOwner(context, ownerOf(state));
}

/**
 * A customer-owned row as the caller may see it: null when missing, and null too when it is
 * another customer's, so that a customer cannot tell the two apart (nor watch the other's
 * row through a wait: reads that wait go through this too).
 */
export function ownRow<Row extends { customerId: string }>(context: HasPrincipal, row: Row | null): Row | null {
  return row && mayRead(context, row.customerId) ? row : null;
}

/** The customer an order or account stream belongs to, from its first event alone (null when there is no such stream). */
export async function streamCustomer(store: Pick<EventStore, "origin">, streamId: string, streamType: string): Promise<string | null> {
  const origin = await store.origin(streamId);
  return origin?.streamType === streamType ? origin.owner : null;
}

/**
 * Whether the caller may read a whole stream (`consistent: true`), told before it is read:
 * another customer's stream, however long, is refused as fast as a missing one.
 */
export async function mayReadStream(
  context: HasPrincipal,
  store: Pick<EventStore, "origin">,
  streamId: string,
  streamType: string,
): Promise<boolean> {
  return authenticated(context).role !== "customer" || mayRead(context, (await streamCustomer(store, streamId, streamType)) ?? "");
}

/** Whether the caller may read data owned by `customerId` (the field's roles were checked already). */
export function mayRead(context: HasPrincipal, customerId: string): boolean {
  const principal = authenticated(context);
  return principal.role !== "customer" || principal.subject === customerId;
}
