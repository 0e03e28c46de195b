/**
 * The orders module's commands. An order belongs to the customer it was created for: a
 * customer caller creates, changes and cancels only its own; shipping is for staff. Prices
 * and the customer are looked up here, on the write side, and handed to the decider.
 */
import { CUSTOMER_OR_ADMIN, requireOwner, requireRole, STAFF } from "../../application/authorization.js";
import {
  runCommand,
  type Caller,
  type CommandFields,
  type CommandOutcome,
  type CommandServices,
  type ConsistencyLevel,
} from "../../application/command.js";
import type { Role } from "../../auth/authenticator.js";
import { newId } from "../../core/ids.js";
import { loadProducts } from "../catalog/product-table.js";
import { loadCustomer } from "../customers/email-registry.js";
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

async function run(
  services: CommandServices,
  caller: Caller,
  roles: readonly Role[],
  input: CommandFields,
  command: OrderCommand,
  consistency: ConsistencyLevel | null | undefined,
  lookups: Omit<OrderContext, "now"> = {},
) {
  requireRole(caller, roles);
  return runCommand(services, caller, orderDecider, input, { streamId: command.data.orderId, command }, consistency, {
    context: lookups,
    owner: orderOwner(command),
  });
}

/** Creates an order for an existing customer, capturing the unit prices now; its id is the outcome's streamId. */
export async function createOrder(
  services: CommandServices,
  caller: Caller,
  input: CreateOrderInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  requireRole(caller, CUSTOMER_OR_ADMIN);
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
  return run(services, caller, CUSTOMER_OR_ADMIN, input, command, consistency, { customerExists: customer !== null, products });
}

/** Adds units of a product to an open order (to its line if it has one, at the captured price). */
export async function addOrderItem(
  services: CommandServices,
  caller: Caller,
  input: AddOrderItemInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  requireRole(caller, CUSTOMER_OR_ADMIN);
  const { orderId, productId, quantity } = input;
  const products = await loadProducts(services.db.prisma, [productId]);
  return run(services, caller, CUSTOMER_OR_ADMIN, input, { type: "AddOrderItem", data: { orderId, productId, quantity } }, consistency, {
    products,
  });
}

export async function removeOrderItem(
  services: CommandServices,
  caller: Caller,
  input: RemoveOrderItemInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const { orderId, productId } = input;
  return run(services, caller, CUSTOMER_OR_ADMIN, input, { type: "RemoveOrderItem", data: { orderId, productId } }, consistency);
}

/** INVALID_STATE for an empty, shipped or cancelled order. */
export async function shipOrder(
  services: CommandServices,
  caller: Caller,
  input: ShipOrderInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const { orderId, carrier, trackingNumber } = input;
  return run(services, caller, STAFF, input, { type: "ShipOrder", data: { orderId, carrier, trackingNumber } }, consistency);
}

/** INVALID_STATE for a shipped or cancelled order. */
export async function cancelOrder(
  services: CommandServices,
  caller: Caller,
  input: CancelOrderInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const { orderId, reason } = input;
  return run(services, caller, CUSTOMER_OR_ADMIN, input, { type: "CancelOrder", data: { orderId, reason } }, consistency);
}
