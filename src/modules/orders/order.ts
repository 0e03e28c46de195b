/**
 * Orders: created for an existing customer with existing products (unit prices captured
 * at order time), changed while open, then shipped or cancelled — after which they are
 * frozen. Lookups (the customer, the products) arrive in the decide context.
 */
import { unreachable, type Command, type DecideContext, type Decider } from "../../core/decider.js";
import { InvalidStateError, NotFoundError, ValidationError } from "../../core/errors.js";
import type { DomainEvent } from "../../core/events.js";
import { requireInteger, requireText } from "../../core/validation.js";

export const ORDER_STREAM = "Order";
export const MAX_ORDER_LINES = 100;
export const MAX_QUANTITY = 10_000;
/** An order's total must fit a GraphQL Int, in cents. */
export const MAX_ORDER_TOTAL_CENTS = 2 ** 31 - 1;

export interface OrderLine {
  productId: string;
  productName: string;
  quantity: number;
  unitPriceCents: number;
}

// Events ---------------------------------------------------------------------

export type OrderCreated = DomainEvent<"OrderCreated", { orderId: string; customerId: string; items: OrderLine[] }>;
export type OrderItemAdded = DomainEvent<"OrderItemAdded", { orderId: string } & OrderLine>;
export type OrderItemRemoved = DomainEvent<"OrderItemRemoved", { orderId: string; productId: string }>;
export type OrderShipped = DomainEvent<"OrderShipped", { orderId: string; carrier: string; trackingNumber: string; shippedAt: string }>;
export type OrderCancelled = DomainEvent<"OrderCancelled", { orderId: string; reason: string; cancelledAt: string }>;
export type OrderEvent = OrderCreated | OrderItemAdded | OrderItemRemoved | OrderShipped | OrderCancelled;

export const ORDER_EVENT_TYPES = [
  "OrderCreated",
  "OrderItemAdded",
  "OrderItemRemoved",
  "OrderShipped",
  "OrderCancelled",
] as const satisfies readonly OrderEvent["type"][];

// State ----------------------------------------------------------------------

interface PlacedOrder {
  orderId: string;
  customerId: string;
  /** One line per product, in the order added. */
  items: OrderLine[];
}

export type OrderState =
  { status: "none" } | ({ status: "open" } & PlacedOrder) | ({ status: "shipped" } & PlacedOrder) | ({ status: "cancelled" } & PlacedOrder);

export function evolve(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case "OrderCreated":
      return { status: "open", orderId: event.data.orderId, customerId: event.data.customerId, items: event.data.items };
    case "OrderItemAdded": {
      if (state.status === "none") return state;
      const { orderId: _, ...line } = event.data;
      return { ...state, items: addLine(state.items, line) };
    }
    case "OrderItemRemoved":
      return state.status === "none" ? state : { ...state, items: state.items.filter((item) => item.productId !== event.data.productId) };
    case "OrderShipped":
      return state.status === "none" ? state : { ...state, status: "shipped" };
    case "OrderCancelled":
      return state.status === "none" ? state : { ...state, status: "cancelled" };
    default:
      return unreachable(event);
  }
}

/** Adding a product already in the order adds to its quantity, at the line's captured price. */
export function addLine(items: readonly OrderLine[], line: OrderLine): OrderLine[] {
  const existing = items.find((item) => item.productId === line.productId);
  if (!existing) return [...items, line];
  return items.map((item) => (item === existing ? { ...item, quantity: item.quantity + line.quantity } : item));
}

export function totalCents(items: readonly OrderLine[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
}

// Commands -------------------------------------------------------------------

export interface OrderContext extends DecideContext {
  /** Whether the customer exists on the write side (createOrder). */
  customerExists?: boolean;
  /** Current names and prices of the products the command names. */
  products?: ReadonlyMap<string, { name: string; priceCents: number }>;
}

export type CreateOrder = Command<"CreateOrder", { orderId: string; customerId: string; items: { productId: string; quantity: number }[] }>;
export type AddOrderItem = Command<"AddOrderItem", { orderId: string; productId: string; quantity: number }>;
export type RemoveOrderItem = Command<"RemoveOrderItem", { orderId: string; productId: string }>;
export type ShipOrder = Command<"ShipOrder", { orderId: string; carrier: string; trackingNumber: string }>;
export type CancelOrder = Command<"CancelOrder", { orderId: string; reason: string }>;
export type OrderCommand = CreateOrder | AddOrderItem | RemoveOrderItem | ShipOrder | CancelOrder;

export function decide(command: OrderCommand, state: OrderState, context: OrderContext): OrderEvent[] {
  switch (command.type) {
    case "CreateOrder":
      return createOrder(command, state, context);
    case "AddOrderItem":
      return addOrderItem(command, state, context);
    case "RemoveOrderItem":
      return removeOrderItem(command, state);
    case "ShipOrder":
      return shipOrder(command, state, context);
    case "CancelOrder":
      return cancelOrder(command, state, context);
    default:
      return unreachable(command);
  }
}

function createOrder({ data }: CreateOrder, state: OrderState, context: OrderContext): OrderEvent[] {
  if (state.status !== "none") throw new InvalidStateError(`order ${data.orderId} already exists`);
  if (data.items.length === 0) throw new ValidationError("an order needs at least one item", { field: "items" });
  if (data.items.length > MAX_ORDER_LINES) throw new ValidationError(`an order has at most ${MAX_ORDER_LINES} items`, { field: "items" });
  const productIds = data.items.map((item) => item.productId);
  if (new Set(productIds).size !== productIds.length) {
    throw new ValidationError("each product may appear once in items; use quantity", { field: "items" });
  }
  const lines = data.items.map((item) => line(item.productId, item.quantity, context));
  if (!context.customerExists) throw new NotFoundError(`customer ${data.customerId} does not exist`, { field: "customerId" });
  requireTotal(lines);
  return [{ type: "OrderCreated", data: { orderId: data.orderId, customerId: data.customerId, items: lines } }];
}

function addOrderItem({ data }: AddOrderItem, state: OrderState, context: OrderContext): OrderEvent[] {
  const order = requireOpen(state, data.orderId, "add items to");
  const added = line(data.productId, data.quantity, context);
  const items = addLine(order.items, added);
  if (items.length > MAX_ORDER_LINES) throw new ValidationError(`an order has at most ${MAX_ORDER_LINES} items`, { field: "productId" });
  if (items.some((item) => item.quantity > MAX_QUANTITY)) {
    throw new ValidationError(`a line's quantity is at most ${MAX_QUANTITY}`, { field: "quantity" });
  }
  requireTotal(items);
  // Price and name of an existing line stay as captured when it was first added.
  const existing = order.items.find((item) => item.productId === data.productId);
  return [{ type: "OrderItemAdded", data: { orderId: data.orderId, ...(existing ? { ...existing, quantity: added.quantity } : added) } }];
}

function removeOrderItem({ data }: RemoveOrderItem, state: OrderState): OrderEvent[] {
  const order = requireOpen(state, data.orderId, "remove items from");
  if (!order.items.some((item) => item.productId === data.productId)) {
    throw new NotFoundError(`order ${data.orderId} has no item for product ${data.productId}`, { field: "productId" });
  }
  return [{ type: "OrderItemRemoved", data: { orderId: data.orderId, productId: data.productId } }];
}

function shipOrder({ data }: ShipOrder, state: OrderState, context: OrderContext): OrderEvent[] {
  const carrier = requireText(data.carrier, "carrier", 100);
  const trackingNumber = requireText(data.trackingNumber, "trackingNumber", 100);
  const order = requireOpen(state, data.orderId, "ship");
  if (order.items.length === 0) throw new InvalidStateError(`order ${data.orderId} is empty and cannot be shipped`);
  return [{ type: "OrderShipped", data: { orderId: data.orderId, carrier, trackingNumber, shippedAt: context.now.toISOString() } }];
}

function cancelOrder({ data }: CancelOrder, state: OrderState, context: OrderContext): OrderEvent[] {
  const reason = requireText(data.reason, "reason", 500);
  requireOpen(state, data.orderId, "cancel");
  return [{ type: "OrderCancelled", data: { orderId: data.orderId, reason, cancelledAt: context.now.toISOString() } }];
}

function line(productId: string, quantity: number, context: OrderContext): OrderLine {
  requireInteger(quantity, "quantity", 1, MAX_QUANTITY);
  const product = context.products?.get(productId);
  if (!product) throw new NotFoundError(`product ${productId} does not exist`, { field: "productId", productId });
  return { productId, productName: product.name, quantity, unitPriceCents: product.priceCents };
}

function requireTotal(items: readonly OrderLine[]): void {
  if (totalCents(items) > MAX_ORDER_TOTAL_CENTS) {
    throw new ValidationError(`an order's total is at most ${MAX_ORDER_TOTAL_CENTS} cents`, { field: "items" });
  }
}

function requireOpen(state: OrderState, orderId: string, action: string): Extract<OrderState, { status: "open" }> {
  switch (state.status) {
    case "none":
      throw new NotFoundError(`order ${orderId} does not exist`);
    case "shipped":
    case "cancelled":
      throw new InvalidStateError(`cannot ${action} order ${orderId}: it is ${state.status}`, { status: state.status.toUpperCase() });
    case "open":
      return state;
    default:
      return unreachable(state);
  }
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState, OrderContext> = {
  streamType: ORDER_STREAM,
  initialState: { status: "none" },
  evolve,
  decide,
};
