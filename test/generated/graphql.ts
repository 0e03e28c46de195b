/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Input of addOrderItem. The order's total (quantity × unit price, over all lines) must stay at most 2147483647 cents (BAD_USER_INPUT). */
export type AddOrderItemInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** An open order (NOT_FOUND if there is none, INVALID_STATE once shipped or cancelled). */
  orderId: string | number;
  /** An existing product (NOT_FOUND otherwise). An order holds at most 100 lines (BAD_USER_INPUT). */
  productId: string | number;
  /** Units to add: 1 to 10000; the line's quantity after adding is at most 10000 too. */
  quantity: number;
};

/** Input of addProduct. */
export type AddProductInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** 1 to 200 characters, trimmed. */
  name: string;
  /** Price of one unit, in cents: 1 to 100000000 (BAD_USER_INPUT otherwise). */
  priceCents: number;
  /** 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit; trimmed and stored upper-case. Unique (DUPLICATE when taken). */
  sku: string;
};

/** A postal address. Each part is trimmed; an empty required part is BAD_USER_INPUT. */
export type AddressInput = {
  /** City: 1 to 100 characters. */
  city: string;
  /** Country: 1 to 100 characters, free text. */
  country: string;
  /** First line: 1 to 200 characters. */
  line1: string;
  /** Second line: at most 200 characters; null, omitted or blank for none. */
  line2?: string | null | undefined;
  /** Postal code: 1 to 20 characters. */
  postalCode: string;
};

/** Input of cancelOrder. */
export type CancelOrderInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** An open order (NOT_FOUND if there is none, INVALID_STATE once shipped or cancelled). */
  orderId: string | number;
  /** Why the order is cancelled: 1 to 500 characters, trimmed. */
  reason: string;
};

/** Input of changeCustomerEmail. */
export type ChangeCustomerEmailInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** The customer (NOT_FOUND if there is none); a customer caller gives its own id (FORBIDDEN otherwise). */
  customerId: string | number;
  /** The new email address, at most 254 characters; stored lower-case. The same email writes nothing. */
  email: string;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
};

/** Input of changeCustomerPhoneNumber. */
export type ChangeCustomerPhoneNumberInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** The customer (NOT_FOUND if there is none); a customer caller gives its own id (FORBIDDEN otherwise). */
  customerId: string | number;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** The new number. A phone number: 5 to 30 digits, spaces, parentheses or '-', starting and ending with a digit, optionally after a '+'; trimmed. The same number writes nothing. */
  phone: string;
};

/** Input of changeProductPrice. */
export type ChangeProductPriceInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** The new price of one unit, in cents: 1 to 100000000 (BAD_USER_INPUT otherwise). The same price writes nothing. */
  priceCents: number;
  /** The product (NOT_FOUND if there is none). */
  productId: string | number;
};

/** How long a mutation waits: EVENTUAL returns once the events are stored; STRONG also waits until every projection has applied them. */
export type Consistency =
  /** Return once the events are stored. caughtUp is null; read your write with minPosition or minVersion. */
  | 'EVENTUAL'
  /** Also wait until every projection has applied the write, at most the server's consistency timeout (5 s by default). caughtUp says whether they did; the write stands either way. */
  | 'STRONG';

/** Input of createOrder. The order's total (quantity × unit price, over all lines) must stay at most 2147483647 cents (BAD_USER_INPUT). */
export type CreateOrderInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** An existing customer (NOT_FOUND otherwise); a customer caller gives its own id (FORBIDDEN otherwise). */
  customerId: string | number;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** 1 to 100 lines, each product once (BAD_USER_INPUT otherwise). */
  items: Array<OrderItemInput>;
};

/** Input of depositMoney. */
export type DepositMoneyInput = {
  /** The account to pay into (NOT_FOUND if there is none). */
  accountId: string | number;
  /** In cents: 1 to 2147483647, and the new balance at most 2147483647 (BAD_USER_INPUT otherwise). */
  amountCents: number;
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
};

/** Which way money moved. */
export type LedgerEntryKind =
  /** Money paid in (depositMoney). */
  | 'DEPOSIT'
  /** Money taken out (withdrawMoney). */
  | 'WITHDRAWAL';

/** Input of openAccount. */
export type OpenAccountInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** The account's owner: an existing customer (NOT_FOUND otherwise). A customer caller gives its own id (FORBIDDEN otherwise). */
  customerId: string | number;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
};

/** Narrows a list of orders; every field is optional, and the orders must match all that are given. */
export type OrderFilter = {
  /** Only orders created at or after this instant. */
  createdFrom?: string | null | undefined;
  /** Only orders created before this instant (exclusive). */
  createdTo?: string | null | undefined;
  /** Only this customer's orders (for a customer: itself, or FORBIDDEN). */
  customerId?: string | number | null | undefined;
  /** Only orders in this status. */
  status?: OrderStatus | null | undefined;
};

/** One line of a new order. */
export type OrderItemInput = {
  /** An existing product (NOT_FOUND otherwise); its current price is captured. */
  productId: string | number;
  /** Units: 1 to 10000. */
  quantity: number;
};

/** Where an order is: CREATED until it is shipped or cancelled, after which it no longer changes. */
export type OrderStatus =
  /** Cancelled (cancelOrder): final. */
  | 'CANCELLED'
  /** Open: items may be added and removed; it may be shipped or cancelled. */
  | 'CREATED'
  /** Shipped (shipOrder): final. */
  | 'SHIPPED';

/** A read model (projection): tables built from the event log, each with its own checkpoint. */
export type Projection =
  /** Each open account with its balance: the account query and the account of account payloads. */
  | 'ACCOUNT_BALANCE'
  /** Each customer's orders, newest first, with their count and lifetime total: the list of customerOrders. */
  | 'CUSTOMER_ORDERS'
  /** One profile per customer: the customer query, OrderSummary.customer and the customer of customer payloads. */
  | 'CUSTOMER_PROFILE'
  /** Per UTC day, orders created, shipped and cancelled, with revenue; sales per product: orderAnalytics and topProducts. */
  | 'ORDER_ANALYTICS'
  /** Every order by status, customer and creation time, with a full-text document: the list of orders. */
  | 'ORDER_SEARCH'
  /** One row per order, as its page shows it: orderSummary, the orders of every list of orders, and the order of order payloads. */
  | 'ORDER_SUMMARY'
  /** The products clients browse: product, products, and the product of order items, sales and payloads. */
  | 'PRODUCT_CATALOG'
  /** Orders awaiting shipment, order counts by status and orders shipped per UTC day: shippingDashboard. */
  | 'SHIPPING_DASHBOARD';

/** What a projection's runner is doing, as the instance that answers sees it. */
export type ProjectionState =
  /** Stopped at an event it could not apply (see lastError); reads that wait on it fail with PROJECTION_FAILED. */
  | 'FAILED'
  /** Replaying the log after a rebuild, until it reaches the head as of the rebuild; reads may see partial rows. */
  | 'REBUILDING'
  /** Applying events as they are written. */
  | 'RUNNING'
  /** Another instance runs this projection; the position is the checkpoint it announced. */
  | 'STANDBY'
  /** Claiming its checkpoint; it runs next. */
  | 'STARTING'
  /** Not running on this instance (e.g. shutting down). */
  | 'STOPPED';

/** Input of registerCustomer: the name whole (`name`), or as given and family names, not both. */
export type RegisterCustomerInput = {
  /** The postal address. */
  address: AddressInput;
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** An email address, at most 254 characters; stored lower-case. Unique across customers (compared case-insensitively); DUPLICATE when taken. */
  email: string;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** The family name, at most 200 characters, trimmed; omitted, null or blank for none (with `givenName`). */
  familyName?: string | null | undefined;
  /** The given name, 1 to 200 characters, trimmed (instead of `name`). */
  givenName?: string | null | undefined;
  /** The whole name, 1 to 200 characters, trimmed: its last word becomes the family name, the rest the given name (one word: a given name only). */
  name?: string | null | undefined;
  /** A phone number: 5 to 30 digits, spaces, parentheses or '-', starting and ending with a digit, optionally after a '+'; trimmed. */
  phone: string;
};

/** Input of removeOrderItem. */
export type RemoveOrderItemInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** An open order (NOT_FOUND if there is none, INVALID_STATE once shipped or cancelled). */
  orderId: string | number;
  /** The product whose line to remove, with all its units (NOT_FOUND if the order has no such line). */
  productId: string | number;
};

/** Input of renameProduct. */
export type RenameProductInput = {
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** The new name: 1 to 200 characters, trimmed. The same name writes nothing. */
  name: string;
  /** The product (NOT_FOUND if there is none). */
  productId: string | number;
};

/** Input of shipOrder. */
export type ShipOrderInput = {
  /** The carrier: 1 to 100 characters, trimmed. */
  carrier: string;
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
  /** An open order with at least one line (NOT_FOUND if there is none, INVALID_STATE otherwise). */
  orderId: string | number;
  /** The carrier's tracking number: 1 to 100 characters, trimmed. */
  trackingNumber: string;
};

/** Input of updateCustomerAddress. */
export type UpdateCustomerAddressInput = {
  /** The new address, replacing the whole old one. The same address writes nothing. */
  address: AddressInput;
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** The customer (NOT_FOUND if there is none); a customer caller gives its own id (FORBIDDEN otherwise). */
  customerId: string | number;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
};

/** Input of withdrawMoney. */
export type WithdrawMoneyInput = {
  /** The account to take from (NOT_FOUND if there is none). */
  accountId: string | number;
  /** In cents: at least 1 (BAD_USER_INPUT), at most the balance (INSUFFICIENT_FUNDS). */
  amountCents: number;
  /** Idempotency key: 1 to 128 ASCII letters, digits or . _ : - (default: a new id). A retry with the same id, by the same caller and with the same input, returns the first result and writes nothing; any other use of the id is DUPLICATE. Use a new random id per command. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version (0 for a stream not yet written). A non-negative integer. Without it, a command that loses a race is decided again on the new state. */
  expectedVersion?: number | null | undefined;
};

export type OpenAccountMutationVariables = Exact<{
  input: OpenAccountInput;
  consistency?: Consistency | null | undefined;
}>;


export type OpenAccountMutation = { openAccount: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type DepositMoneyMutationVariables = Exact<{
  input: DepositMoneyInput;
  consistency?: Consistency | null | undefined;
}>;


export type DepositMoneyMutation = { depositMoney: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type WithdrawMoneyMutationVariables = Exact<{
  input: WithdrawMoneyInput;
  consistency?: Consistency | null | undefined;
}>;


export type WithdrawMoneyMutation = { withdrawMoney: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type AccountQueryVariables = Exact<{
  id: string | number;
  minPosition?: string | null | undefined;
  minVersion?: number | null | undefined;
  consistent?: boolean | null | undefined;
}>;


export type AccountQuery = { account: { id: string, customerId: string, balanceCents: number, openedAt: string, updatedAt: string, version: number, position: string } | null };

export type DepositMoneyReturningAccountMutationVariables = Exact<{
  input: DepositMoneyInput;
  consistency?: Consistency | null | undefined;
}>;


export type DepositMoneyReturningAccountMutation = { depositMoney: { position: string, account: { id: string, balanceCents: number, version: number, position: string } | null } | null };

export type AccountBalanceQueryVariables = Exact<{
  id: string | number;
}>;


export type AccountBalanceQuery = { account: { id: string, balanceCents: number, version: number, position: string } | null };

export type AddProductMutationVariables = Exact<{
  input: AddProductInput;
  consistency?: Consistency | null | undefined;
}>;


export type AddProductMutation = { addProduct: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type RenameProductMutationVariables = Exact<{
  input: RenameProductInput;
  consistency?: Consistency | null | undefined;
}>;


export type RenameProductMutation = { renameProduct: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type ChangeProductPriceMutationVariables = Exact<{
  input: ChangeProductPriceInput;
  consistency?: Consistency | null | undefined;
}>;


export type ChangeProductPriceMutation = { changeProductPrice: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type ProductQueryVariables = Exact<{
  id: string | number;
  minPosition?: string | null | undefined;
  minVersion?: number | null | undefined;
}>;


export type ProductQuery = { product: { id: string, sku: string, name: string, priceCents: number, version: number, position: string } | null };

export type ProductsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  minPosition?: string | null | undefined;
}>;


export type ProductsQuery = { products: { edges: Array<{ cursor: string, node: { id: string, sku: string, name: string, priceCents: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RegisterCustomerMutationVariables = Exact<{
  input: RegisterCustomerInput;
  consistency?: Consistency | null | undefined;
}>;


export type RegisterCustomerMutation = { registerCustomer: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type ChangeCustomerEmailMutationVariables = Exact<{
  input: ChangeCustomerEmailInput;
  consistency?: Consistency | null | undefined;
}>;


export type ChangeCustomerEmailMutation = { changeCustomerEmail: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type UpdateCustomerAddressMutationVariables = Exact<{
  input: UpdateCustomerAddressInput;
  consistency?: Consistency | null | undefined;
}>;


export type UpdateCustomerAddressMutation = { updateCustomerAddress: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type ChangeCustomerPhoneNumberMutationVariables = Exact<{
  input: ChangeCustomerPhoneNumberInput;
  consistency?: Consistency | null | undefined;
}>;


export type ChangeCustomerPhoneNumberMutation = { changeCustomerPhoneNumber: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type CustomerQueryVariables = Exact<{
  id: string | number;
  minPosition?: string | null | undefined;
  minVersion?: number | null | undefined;
}>;


export type CustomerQuery = { customer: { id: string, name: string, email: string, phone: string, version: number, position: string, address: { line1: string, line2: string | null, city: string, postalCode: string, country: string } } | null };

type Result_AddOrderItemPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_AddProductPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_CancelOrderPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_ChangeCustomerEmailPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_ChangeCustomerPhoneNumberPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_ChangeProductPricePayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_CreateOrderPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_DepositMoneyPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_ForgetCustomerPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_OpenAccountPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_RegisterCustomerPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_RemoveOrderItemPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_RenameProductPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_ShipOrderPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_UpdateCustomerAddressPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

type Result_WithdrawMoneyPayload_Fragment = { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null };

export type ResultFragment =
  | Result_AddOrderItemPayload_Fragment
  | Result_AddProductPayload_Fragment
  | Result_CancelOrderPayload_Fragment
  | Result_ChangeCustomerEmailPayload_Fragment
  | Result_ChangeCustomerPhoneNumberPayload_Fragment
  | Result_ChangeProductPricePayload_Fragment
  | Result_CreateOrderPayload_Fragment
  | Result_DepositMoneyPayload_Fragment
  | Result_ForgetCustomerPayload_Fragment
  | Result_OpenAccountPayload_Fragment
  | Result_RegisterCustomerPayload_Fragment
  | Result_RemoveOrderItemPayload_Fragment
  | Result_RenameProductPayload_Fragment
  | Result_ShipOrderPayload_Fragment
  | Result_UpdateCustomerAddressPayload_Fragment
  | Result_WithdrawMoneyPayload_Fragment
;

export type OrderFieldsFragment = { id: string, customerId: string, customerName: string, customerEmail: string, itemCount: number, productNames: Array<string>, totalCents: number, status: OrderStatus, carrier: string | null, trackingNumber: string | null, cancelReason: string | null, createdAt: string, shippedAt: string | null, cancelledAt: string | null, version: number, position: string, items: Array<{ productId: string, productName: string, quantity: number, unitPriceCents: number, lineTotalCents: number }> };

export type CreateOrderMutationVariables = Exact<{
  input: CreateOrderInput;
  consistency?: Consistency | null | undefined;
}>;


export type CreateOrderMutation = { createOrder: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type AddOrderItemMutationVariables = Exact<{
  input: AddOrderItemInput;
  consistency?: Consistency | null | undefined;
}>;


export type AddOrderItemMutation = { addOrderItem: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type RemoveOrderItemMutationVariables = Exact<{
  input: RemoveOrderItemInput;
  consistency?: Consistency | null | undefined;
}>;


export type RemoveOrderItemMutation = { removeOrderItem: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type ShipOrderMutationVariables = Exact<{
  input: ShipOrderInput;
  consistency?: Consistency | null | undefined;
}>;


export type ShipOrderMutation = { shipOrder: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type CancelOrderMutationVariables = Exact<{
  input: CancelOrderInput;
  consistency?: Consistency | null | undefined;
}>;


export type CancelOrderMutation = { cancelOrder: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } | null };

export type OrderSummaryQueryVariables = Exact<{
  id: string | number;
  minPosition?: string | null | undefined;
  minVersion?: number | null | undefined;
  consistent?: boolean | null | undefined;
}>;


export type OrderSummaryQuery = { orderSummary: { id: string, customerId: string, customerName: string, customerEmail: string, itemCount: number, productNames: Array<string>, totalCents: number, status: OrderStatus, carrier: string | null, trackingNumber: string | null, cancelReason: string | null, createdAt: string, shippedAt: string | null, cancelledAt: string | null, version: number, position: string, items: Array<{ productId: string, productName: string, quantity: number, unitPriceCents: number, lineTotalCents: number }> } | null };

export type CustomerOrdersQueryVariables = Exact<{
  customerId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  minPosition?: string | null | undefined;
}>;


export type CustomerOrdersQuery = { customerOrders: { totalCount: number, lifetimeTotalCents: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, customerId: string, customerName: string, customerEmail: string, itemCount: number, productNames: Array<string>, totalCents: number, status: OrderStatus, carrier: string | null, trackingNumber: string | null, cancelReason: string | null, createdAt: string, shippedAt: string | null, cancelledAt: string | null, version: number, position: string, items: Array<{ productId: string, productName: string, quantity: number, unitPriceCents: number, lineTotalCents: number }> } }> } };

export type CustomerOrdersNestedQueryVariables = Exact<{
  customerId: string | number;
  first?: number | null | undefined;
  minPosition?: string | null | undefined;
}>;


export type CustomerOrdersNestedQuery = { customerOrders: { totalCount: number, edges: Array<{ node: { id: string, totalCents: number, customer: { id: string, name: string, email: string } | null, items: Array<{ quantity: number, product: { id: string, sku: string, name: string, priceCents: number } | null }> } }> } };

export type ShippingDashboardQueryVariables = Exact<{
  minPosition?: string | null | undefined;
  awaitingFirst?: number | null | undefined;
  awaitingAfter?: string | null | undefined;
}>;


export type ShippingDashboardQuery = { shippingDashboard: { awaitingShipment: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, createdAt: string, status: OrderStatus } }> }, countsByStatus: Array<{ status: OrderStatus, count: number }>, shippedPerDay: Array<{ date: string, count: number }> } };

export type OrderAnalyticsQueryVariables = Exact<{
  from: string;
  to: string;
  minPosition?: string | null | undefined;
}>;


export type OrderAnalyticsQuery = { orderAnalytics: Array<{ date: string, ordersCreated: number, ordersShipped: number, ordersCancelled: number, revenueCents: number, itemsSold: number }> };

export type TopProductsQueryVariables = Exact<{
  first?: number | null | undefined;
  minPosition?: string | null | undefined;
}>;


export type TopProductsQuery = { topProducts: Array<{ productId: string, productName: string, quantitySold: number, revenueCents: number, product: { sku: string } | null }> };

export type ProjectionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProjectionsQuery = { projections: Array<{ name: Projection, position: string, headPosition: string, lag: number, state: ProjectionState, lastError: string | null }> };

export type ProjectionProgressSubscriptionVariables = Exact<{
  projections?: Array<Projection> | Projection | null | undefined;
}>;


export type ProjectionProgressSubscription = { projectionProgress: { projection: Projection, position: string } };

export type OrdersQueryVariables = Exact<{
  filter?: OrderFilter | null | undefined;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  minPosition?: string | null | undefined;
}>;


export type OrdersQuery = { orders: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, customerId: string, status: OrderStatus, createdAt: string } }> } };

export type SearchProductsQueryVariables = Exact<{
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  minPosition?: string | null | undefined;
}>;


export type SearchProductsQuery = { products: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, sku: string, name: string } }> } };

export type ProductBySkuQueryVariables = Exact<{
  sku: string;
  minPosition?: string | null | undefined;
}>;


export type ProductBySkuQuery = { productBySku: { id: string, sku: string, name: string } | null };

export type CustomerByEmailQueryVariables = Exact<{
  email: string;
  minPosition?: string | null | undefined;
}>;


export type CustomerByEmailQuery = { customerByEmail: { id: string, name: string, email: string } | null };

export type CustomerAccountsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  ledgerFirst?: number | null | undefined;
  minPosition?: string | null | undefined;
}>;


export type CustomerAccountsQuery = { customer: { id: string, accounts: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ node: { id: string, balanceCents: number, ledger: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { kind: LedgerEntryKind, amountCents: number, balanceAfterCents: number, version: number, position: string, recordedAt: string } }> } } }> } | null } | null };

export type AccountLedgerQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  minPosition?: string | null | undefined;
}>;


export type AccountLedgerQuery = { account: { id: string, ledger: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ node: { amountCents: number } }> } } | null };

export type HistoryQueryVariables = Exact<{
  streamId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type HistoryQuery = { history: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { type: string, streamType: string, version: number, position: string, recordedAt: string, actor: string | null, commandId: string, correlationId: string, causationId: string | null, data: unknown } }> } | null };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'Account', balanceCents: number, id: string }
    | { __typename: 'Customer', name: string, id: string }
    | { __typename: 'OrderSummary', status: OrderStatus, id: string }
    | { __typename: 'Product', sku: string, id: string }
   | null };

export type OrdersNestedQueryVariables = Exact<{
  filter?: OrderFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type OrdersNestedQuery = { orders: { totalCount: number, edges: Array<{ node: { id: string, customer: { id: string, accounts: { totalCount: number, edges: Array<{ node: { id: string, ledger: { totalCount: number, pageInfo: { hasNextPage: boolean } } } }> } | null } | null, items: Array<{ quantity: number, product: { id: string, sku: string } | null }> } }> } };

export type OrdersWithoutCountQueryVariables = Exact<{
  search?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type OrdersWithoutCountQuery = { orders: { edges: Array<{ node: { id: string } }> } };

export type CaughtUpSubscriptionVariables = Exact<{
  position: string;
  projections?: Array<Projection> | Projection | null | undefined;
  timeoutMs?: number | null | undefined;
}>;


export type CaughtUpSubscription = { caughtUp: { position: string, caughtUp: boolean, projections: Array<Projection>, behind: Array<Projection> } };

export type ReadModelChangedSubscriptionVariables = Exact<{
  projection: Projection;
  id: string | number;
}>;


export type ReadModelChangedSubscription = { readModelChanged: { projection: Projection, id: string, version: number, position: string } };

export type ReadModelRowsSubscriptionVariables = Exact<{
  projection: Projection;
  id: string | number;
}>;


export type ReadModelRowsSubscription = { readModelChanged: { projection: Projection, id: string, version: number, position: string, row:
      | { __typename: 'Account', id: string, balanceCents: number, version: number }
      | { __typename: 'Customer', id: string, email: string, version: number }
      | { __typename: 'OrderSummary', id: string, status: OrderStatus, version: number }
      | { __typename: 'Product', id: string, name: string, version: number }
     | null } };

export const ResultFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<ResultFragment, unknown>;
export const OrderFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrderSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"customerName"}},{"kind":"Field","name":{"kind":"Name","value":"customerEmail"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPriceCents"}},{"kind":"Field","name":{"kind":"Name","value":"lineTotalCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"productNames"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]} as unknown as DocumentNode<OrderFieldsFragment, unknown>;
export const OpenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenAccountInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<OpenAccountMutation, OpenAccountMutationVariables>;
export const DepositMoneyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DepositMoney"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DepositMoneyInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depositMoney"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<DepositMoneyMutation, DepositMoneyMutationVariables>;
export const WithdrawMoneyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawMoney"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WithdrawMoneyInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawMoney"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<WithdrawMoneyMutation, WithdrawMoneyMutationVariables>;
export const AccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Account"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistent"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}},{"kind":"Argument","name":{"kind":"Name","value":"minVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistent"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistent"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]} as unknown as DocumentNode<AccountQuery, AccountQueryVariables>;
export const DepositMoneyReturningAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DepositMoneyReturningAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DepositMoneyInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depositMoney"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]}}]} as unknown as DocumentNode<DepositMoneyReturningAccountMutation, DepositMoneyReturningAccountMutationVariables>;
export const AccountBalanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountBalance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]} as unknown as DocumentNode<AccountBalanceQuery, AccountBalanceQueryVariables>;
export const AddProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddProductInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<AddProductMutation, AddProductMutationVariables>;
export const RenameProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RenameProductInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renameProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<RenameProductMutation, RenameProductMutationVariables>;
export const ChangeProductPriceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeProductPrice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProductPriceInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeProductPrice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<ChangeProductPriceMutation, ChangeProductPriceMutationVariables>;
export const ProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Product"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}},{"kind":"Argument","name":{"kind":"Name","value":"minVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]} as unknown as DocumentNode<ProductQuery, ProductQueryVariables>;
export const ProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Products"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ProductsQuery, ProductsQueryVariables>;
export const RegisterCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterCustomerInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<RegisterCustomerMutation, RegisterCustomerMutationVariables>;
export const ChangeCustomerEmailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeCustomerEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeCustomerEmailInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeCustomerEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<ChangeCustomerEmailMutation, ChangeCustomerEmailMutationVariables>;
export const UpdateCustomerAddressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCustomerAddress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCustomerAddressInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCustomerAddress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<UpdateCustomerAddressMutation, UpdateCustomerAddressMutationVariables>;
export const ChangeCustomerPhoneNumberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeCustomerPhoneNumber"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeCustomerPhoneNumberInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeCustomerPhoneNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<ChangeCustomerPhoneNumberMutation, ChangeCustomerPhoneNumberMutationVariables>;
export const CustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}},{"kind":"Argument","name":{"kind":"Name","value":"minVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]} as unknown as DocumentNode<CustomerQuery, CustomerQueryVariables>;
export const CreateOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateOrderInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<CreateOrderMutation, CreateOrderMutationVariables>;
export const AddOrderItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddOrderItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddOrderItemInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addOrderItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<AddOrderItemMutation, AddOrderItemMutationVariables>;
export const RemoveOrderItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveOrderItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveOrderItemInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeOrderItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<RemoveOrderItemMutation, RemoveOrderItemMutationVariables>;
export const ShipOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ShipOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ShipOrderInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<ShipOrderMutation, ShipOrderMutationVariables>;
export const CancelOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelOrderInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Result"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Result"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]} as unknown as DocumentNode<CancelOrderMutation, CancelOrderMutationVariables>;
export const OrderSummaryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderSummary"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistent"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderSummary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}},{"kind":"Argument","name":{"kind":"Name","value":"minVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistent"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistent"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrderSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"customerName"}},{"kind":"Field","name":{"kind":"Name","value":"customerEmail"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPriceCents"}},{"kind":"Field","name":{"kind":"Name","value":"lineTotalCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"productNames"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]} as unknown as DocumentNode<OrderSummaryQuery, OrderSummaryQueryVariables>;
export const CustomerOrdersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerOrders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"lifetimeTotalCents"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrderFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrderSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"customerName"}},{"kind":"Field","name":{"kind":"Name","value":"customerEmail"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPriceCents"}},{"kind":"Field","name":{"kind":"Name","value":"lineTotalCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"productNames"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]} as unknown as DocumentNode<CustomerOrdersQuery, CustomerOrdersQueryVariables>;
export const CustomerOrdersNestedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerOrdersNested"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"totalCents"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerOrdersNestedQuery, CustomerOrdersNestedQueryVariables>;
export const ShippingDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ShippingDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"awaitingFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"awaitingAfter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shippingDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"awaitingShipment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"awaitingFirst"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"awaitingAfter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"countsByStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippedPerDay"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<ShippingDashboardQuery, ShippingDashboardQueryVariables>;
export const OrderAnalyticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderAnalytics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderAnalytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"ordersCreated"}},{"kind":"Field","name":{"kind":"Name","value":"ordersShipped"}},{"kind":"Field","name":{"kind":"Name","value":"ordersCancelled"}},{"kind":"Field","name":{"kind":"Name","value":"revenueCents"}},{"kind":"Field","name":{"kind":"Name","value":"itemsSold"}}]}}]}}]} as unknown as DocumentNode<OrderAnalyticsQuery, OrderAnalyticsQueryVariables>;
export const TopProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TopProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"quantitySold"}},{"kind":"Field","name":{"kind":"Name","value":"revenueCents"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}}]}}]}}]}}]} as unknown as DocumentNode<TopProductsQuery, TopProductsQueryVariables>;
export const ProjectionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Projections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"headPosition"}},{"kind":"Field","name":{"kind":"Name","value":"lag"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]}}]} as unknown as DocumentNode<ProjectionsQuery, ProjectionsQueryVariables>;
export const ProjectionProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ProjectionProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projections"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Projection"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projectionProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"projections"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projections"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projection"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]} as unknown as DocumentNode<ProjectionProgressSubscription, ProjectionProgressSubscriptionVariables>;
export const OrdersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Orders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrdersQuery, OrdersQueryVariables>;
export const SearchProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchProductsQuery, SearchProductsQueryVariables>;
export const ProductBySkuDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductBySku"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sku"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productBySku"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sku"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sku"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ProductBySkuQuery, ProductBySkuQueryVariables>;
export const CustomerByEmailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerByEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerByEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]} as unknown as DocumentNode<CustomerByEmailQuery, CustomerByEmailQueryVariables>;
export const CustomerAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ledgerFirst"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"ledger"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ledgerFirst"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfterCents"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerAccountsQuery, CustomerAccountsQueryVariables>;
export const AccountLedgerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountLedger"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ledger"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountCents"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountLedgerQuery, AccountLedgerQueryVariables>;
export const HistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"History"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"history"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"streamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"streamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"streamType"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"causationId"}},{"kind":"Field","name":{"kind":"Name","value":"data"}}]}}]}}]}}]}}]} as unknown as DocumentNode<HistoryQuery, HistoryQueryVariables>;
export const NodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Node"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrderSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}}]}}]}}]}}]} as unknown as DocumentNode<NodeQuery, NodeQueryVariables>;
export const OrdersNestedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrdersNested"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ledger"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrdersNestedQuery, OrdersNestedQueryVariables>;
export const OrdersWithoutCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrdersWithoutCount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrdersWithoutCountQuery, OrdersWithoutCountQueryVariables>;
export const CaughtUpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CaughtUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"position"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projections"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Projection"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timeoutMs"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caughtUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"position"},"value":{"kind":"Variable","name":{"kind":"Name","value":"position"}}},{"kind":"Argument","name":{"kind":"Name","value":"projections"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projections"}}},{"kind":"Argument","name":{"kind":"Name","value":"timeoutMs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timeoutMs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}},{"kind":"Field","name":{"kind":"Name","value":"projections"}},{"kind":"Field","name":{"kind":"Name","value":"behind"}}]}}]}}]} as unknown as DocumentNode<CaughtUpSubscription, CaughtUpSubscriptionVariables>;
export const ReadModelChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReadModelChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projection"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Projection"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readModelChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"projection"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projection"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projection"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]} as unknown as DocumentNode<ReadModelChangedSubscription, ReadModelChangedSubscriptionVariables>;
export const ReadModelRowsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReadModelRows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projection"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Projection"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readModelChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"projection"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projection"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projection"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"row"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Account"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrderSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReadModelRowsSubscription, ReadModelRowsSubscriptionVariables>;