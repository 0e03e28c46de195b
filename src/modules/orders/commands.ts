/**
 * The orders module's commands. An order belongs to the customer it was created for: a
 * customer caller creates, changes and cancels only its own; shipping is for staff. Prices
 * and the customer are looked up here, on the write side, and handed to the decider.
 */
import { CUSTOMER_OR_ADMIN, requireOwner, STAFF } from "../../application/authorization.js";
import {
  defineCommand,
  runCommand,
  type Caller,
  type CommandFields,
  type CommandServices,
  type ConsistencyLevel,
} from "../../application/command.js";
import { newId } from "../../core/ids.js";
import { loadProducts } from "../catalog/product-table.js";
import { customerNotForgotten, loadCustomer } from "../customers/email-registry.js";
import { orderDecider, type OrderCommand, type OrderContext, type OrderState } from "./order.js";

export interface CreateOrderInput extends CommandFields {
  readonly customerId: string;
  readonly items: readonly { readonly productId: string; readonly quantity: number }[];
}

export interface AddOrderItemInput extends CommandFields {
  readonly orderId: string;
  readonly productId: string;
  readonly quantity: number;
}

export interface RemoveOrderItemInput extends CommandFields {
  readonly orderId: string;
  readonly productId: string;
}

export interface ShipOrderInput extends CommandFields {
  readonly orderId: string;
  readonly carrier: string;
  readonly trackingNumber: string;
}

export interface CancelOrderInput extends CommandFields {
  readonly orderId: string;
  readonly reason: string;
}

/** The customer an order belongs to (for a new order, the one it is created for). */
const orderOwner = (command: OrderCommand) => (state: OrderState) =>
  state.status === "none" ? (command.type === "CreateOrder" ? command.data.customerId : null) : state.customerId;

function run(
  services: CommandServices,
  caller: Caller,
  input: CommandFields,
  command: OrderCommand,
  consistency?: ConsistencyLevel | null,
  lookups: Omit<OrderContext, "now"> = {},
) {
  const streamId = command.data.orderId;
  return runCommand(services, caller, {
    decider: orderDecider,
    streamId,
    command,
    input,
    consistency,
    context: lookups,
    // A new order rests on its customer being registered: still so when it is appended.
    guards: command.type === "CreateOrder" ? [customerNotForgotten(command.data.customerId)] : undefined,
    owner: orderOwner(command),
  });
}

/** Creates an order for an existing customer, capturing the unit prices now; its id is the outcome's streamId. */
export const createOrder = defineCommand(CUSTOMER_OR_ADMIN, async (services, caller, input: CreateOrderInput, consistency) => {
  requireOwner(caller, input.customerId);
  const items = input.items.map(({ productId, quantity }) => ({ productId, quantity }));
  const [customer, products] = await Promise.all([
    loadCustomer(services.store, input.customerId),
    loadProducts(
      services.db.prisma,
      items.map((item) => item.productId),
    ),
  ]);
  const command: OrderCommand = { type: "CreateOrder", data: { orderId: newId(), customerId: input.customerId, items } };
  return run(services, caller, input, command, consistency, { customerExists: customer?.status === "registered", products });
});

/** Adds units of a product to an open order (to its line if it has one, at the captured price). */
export const addOrderItem = defineCommand(CUSTOMER_OR_ADMIN, async (services, caller, input: AddOrderItemInput, consistency) => {
  const { orderId, productId, quantity } = input;
  const products = await loadProducts(services.db.prisma, [productId]);
  return run(services, caller, input, { type: "AddOrderItem", data: { orderId, productId, quantity } }, consistency, { products });
});

export const removeOrderItem = defineCommand(CUSTOMER_OR_ADMIN, (services, caller, input: RemoveOrderItemInput, consistency) => {
  const { orderId, productId } = input;
  return run(services, caller, input, { type: "RemoveOrderItem", data: { orderId, productId } }, consistency);
});

/** INVALID_STATE for an empty, shipped or cancelled order. */
export const shipOrder = defineCommand(STAFF, (services, caller, input: ShipOrderInput, consistency) => {
  const { orderId, carrier, trackingNumber } = input;
  return run(services, caller, input, { type: "ShipOrder", data: { orderId, carrier, trackingNumber } }, consistency);
});

/** INVALID_STATE for a shipped or cancelled order. */
export const cancelOrder = defineCommand(CUSTOMER_OR_ADMIN, (services, caller, input: CancelOrderInput, consistency) => {
  const { orderId, reason } = input;
  return run(services, caller, input, { type: "CancelOrder", data: { orderId, reason } }, consistency);
});
