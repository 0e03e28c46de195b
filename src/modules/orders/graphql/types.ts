import { GraphQLDate, GraphQLSafeInt } from "graphql-scalars";
import { Node } from "../../../graphql/nodes.js";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { CommandInput } from "../../../graphql/common.js";
import { ListOf } from "../../../graphql/list-size.js";
import { ConnectionList, PageInfo } from "../../../graphql/pagination.js";
import { MAX_ORDER_LINES, MAX_ORDER_TOTAL_CENTS, MAX_QUANTITY } from "../order.js";
import { SHIPPED_DAYS } from "../projections/shipping-dashboard.js";
import { DateTimeScalar, PositionScalar } from "../../../graphql/scalars.js";

export enum OrderStatus {
  CREATED = "CREATED",
  SHIPPED = "SHIPPED",
  CANCELLED = "CANCELLED",
}
registerEnumType(OrderStatus, {
  name: "OrderStatus",
  description: "Where an order is: CREATED until it is shipped or cancelled, after which it no longer changes.",
  valuesConfig: {
    CREATED: { description: "Open: items may be added and removed; it may be shipped or cancelled." },
    SHIPPED: { description: "Shipped (shipOrder): final." },
    CANCELLED: { description: "Cancelled (cancelOrder): final." },
  },
});

@ObjectType({ description: "One line of an order: a product, its quantity and the unit price captured when it was added." })
export class OrderItem {
  @Field(() => ID, { description: "The product's id; an order has one line per product." })
  productId!: string;

  @Field(() => String, { description: "The product's current name." })
  productName!: string;

  @Field(() => Int, { description: `Units ordered: 1 to ${MAX_QUANTITY}.` })
  quantity!: number;

  @Field(() => Int, { description: "The price of one unit in cents, captured when the product was first added to the order." })
  unitPriceCents!: number;
}

@ObjectType({ implements: Node, description: "An order as its page shows it, from the ORDER_SUMMARY read model." })
export class OrderSummary implements Node {
  @Field(() => ID, { description: "The order's id (its stream id)." })
  id!: string;

  @Field(() => ID, { description: "The customer the order belongs to." })
  customerId!: string;

  @Field(() => String, { description: "The customer's name." })
  customerName!: string;

  @Field(() => String, { description: "The customer's current email." })
  customerEmail!: string;

  @ListOf(MAX_ORDER_LINES)
  @Field(() => [OrderItem], { description: `The lines, in the order they were added: at most ${MAX_ORDER_LINES}, one per product.` })
  items!: OrderItem[];

  @Field(() => Int, { description: "Units over all lines." })
  itemCount!: number;

  @ListOf(MAX_ORDER_LINES)
  @Field(() => [String], { description: "The current name of each line's product, in the order of items." })
  productNames!: string[];

  @Field(() => Int, { description: `Sum of the lines' totals, in cents: at most ${MAX_ORDER_TOTAL_CENTS} (the GraphQL Int maximum).` })
  totalCents!: number;

  @Field(() => OrderStatus, { description: "CREATED, SHIPPED or CANCELLED." })
  status!: OrderStatus;

  @Field(() => String, { nullable: true, description: "The carrier it was shipped with; null until shipped." })
  carrier!: string | null;

  @Field(() => String, { nullable: true, description: "The carrier's tracking number; null until shipped." })
  trackingNumber!: string | null;

  @Field(() => String, { nullable: true, description: "Why it was cancelled; null unless cancelled." })
  cancelReason!: string | null;

  @Field(() => DateTimeScalar, { description: "When the order was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was shipped; null until shipped." })
  shippedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was cancelled; null unless cancelled." })
  cancelledAt!: Date | null;

  @Field(() => Int, { description: "The order stream's version this row reflects." })
  version!: number;

  @Field(() => PositionScalar, {
    description:
      "Global position of the last event this row reflects; in ORDER_SUMMARY also a customer's email change or a product's rename.",
  })
  position!: bigint;
}

@ObjectType({ description: "One order of a page of orders, with its cursor." })
export class OrderSummaryEdge {
  @Field(() => String, { description: "Opaque cursor of this order: pass it as `after` (or `before`) to page from it." })
  cursor!: string;

  @Field(() => OrderSummary, { description: "The order." })
  node!: OrderSummary;
}

@ObjectType({ description: "A page of orders (a Relay connection)." })
export class OrderConnection {
  @ConnectionList()
  @Field(() => [OrderSummaryEdge], { description: "The page's orders, each with its cursor." })
  edges!: OrderSummaryEdge[];

  @Field(() => PageInfo, { description: "Whether orders precede or follow this page, and the cursors of its ends." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many orders the list holds with this filter (and search), on every page." })
  totalCount!: number;
}

@InputType({ description: "Narrows a list of orders; every field is optional, and the orders must match all that are given." })
export class OrderFilter {
  @Field(() => OrderStatus, { nullable: true, description: "Only orders in this status." })
  status?: OrderStatus | null;

  @Field(() => ID, { nullable: true, description: "Only this customer's orders (for a customer: itself, or FORBIDDEN)." })
  customerId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only orders created at or after this instant." })
  createdFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only orders created before this instant (exclusive)." })
  createdTo?: Date | null;
}

@ObjectType({ description: "A customer's orders, newest first (CUSTOMER_ORDERS), with their totals." })
export class CustomerOrdersConnection {
  @ConnectionList()
  @Field(() => [OrderSummaryEdge], { description: "The page's orders, newest first, each with its cursor." })
  edges!: OrderSummaryEdge[];

  @Field(() => PageInfo, { description: "Whether orders precede or follow this page, and the cursors of its ends." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many orders the customer has, cancelled ones included, on every page." })
  totalCount!: number;

  @Field(() => GraphQLSafeInt, {
    description: "Sum, in cents, of the totals of the customer's orders that are not cancelled (at most 2^53 - 1).",
  })
  lifetimeTotalCents!: number;
}

@ObjectType({ description: "How many orders are in one status." })
export class StatusCount {
  @Field(() => OrderStatus, { description: "The status." })
  status!: OrderStatus;

  @Field(() => GraphQLSafeInt, { description: "Orders in that status now." })
  count!: number;
}

@ObjectType({ description: "How many orders were shipped on one UTC day." })
export class DayCount {
  @Field(() => GraphQLDate, { description: "The UTC day." })
  date!: string;

  @Field(() => GraphQLSafeInt, { description: "Orders shipped that day (at least 1)." })
  count!: number;
}

@ObjectType({ description: "From the SHIPPING_DASHBOARD read model." })
export class ShippingDashboard {
  @ListOf(3)
  @Field(() => [StatusCount], {
    description: "The number of orders in each status, by status name; a status no order has had yet is absent.",
  })
  countsByStatus!: StatusCount[];

  @ListOf(SHIPPED_DAYS)
  @Field(() => [DayCount], { description: `Orders shipped per UTC day, the last ${SHIPPED_DAYS} days with shipments, oldest first.` })
  shippedPerDay!: DayCount[];
}

@ObjectType({ description: "One UTC day of ORDER_ANALYTICS. Revenue and items count orders shipped that day." })
export class DailyOrderStats {
  @Field(() => GraphQLDate, { description: "The UTC day." })
  date!: string;

  @Field(() => GraphQLSafeInt, { description: "Orders created that day." })
  ordersCreated!: number;

  @Field(() => GraphQLSafeInt, { description: "Orders shipped that day." })
  ordersShipped!: number;

  @Field(() => GraphQLSafeInt, { description: "Orders cancelled that day." })
  ordersCancelled!: number;

  @Field(() => GraphQLSafeInt, { description: "Total, in cents, of the orders shipped that day, at their captured prices." })
  revenueCents!: number;

  @Field(() => GraphQLSafeInt, { description: "Units in the orders shipped that day." })
  itemsSold!: number;
}

@ObjectType({ description: "Sales of one product over shipped orders (ORDER_ANALYTICS)." })
export class ProductSales {
  @Field(() => ID, { description: "The product's id." })
  productId!: string;

  @Field(() => String, { description: "The product's current name." })
  productName!: string;

  @Field(() => GraphQLSafeInt, { description: "Units shipped, over all orders." })
  quantitySold!: number;

  @Field(() => GraphQLSafeInt, { description: "Total, in cents, of those units at their captured prices." })
  revenueCents!: number;
}

/** The limit on an order's total, which its lines' quantities and prices must keep to. */
const ORDER_TOTAL = `The order's total (quantity × unit price, over all lines) must stay at most ${MAX_ORDER_TOTAL_CENTS} cents (BAD_USER_INPUT).`;

@InputType({ description: "One line of a new order." })
export class OrderItemInput {
  @Field(() => ID, { description: "An existing product (NOT_FOUND otherwise); its current price is captured." })
  productId!: string;

  @Field(() => Int, { description: `Units: 1 to ${MAX_QUANTITY}.` })
  quantity!: number;
}

@InputType({ description: `Input of createOrder. ${ORDER_TOTAL}` })
export class CreateOrderInput extends CommandInput {
  @Field(() => ID, { description: "An existing customer (NOT_FOUND otherwise); a customer caller gives its own id (FORBIDDEN otherwise)." })
  customerId!: string;

  @Field(() => [OrderItemInput], { description: `1 to ${MAX_ORDER_LINES} lines, each product once (BAD_USER_INPUT otherwise).` })
  items!: OrderItemInput[];
}

@InputType({ description: `Input of addOrderItem. ${ORDER_TOTAL}` })
export class AddOrderItemInput extends CommandInput {
  @Field(() => ID, { description: "An open order (NOT_FOUND if there is none, INVALID_STATE once shipped or cancelled)." })
  orderId!: string;

  @Field(() => ID, {
    description: `An existing product (NOT_FOUND otherwise). An order holds at most ${MAX_ORDER_LINES} lines (BAD_USER_INPUT).`,
  })
  productId!: string;

  @Field(() => Int, { description: `Units to add: 1 to ${MAX_QUANTITY}; the line's quantity after adding is at most ${MAX_QUANTITY} too.` })
  quantity!: number;
}

@InputType({ description: "Input of removeOrderItem." })
export class RemoveOrderItemInput extends CommandInput {
  @Field(() => ID, { description: "An open order (NOT_FOUND if there is none, INVALID_STATE once shipped or cancelled)." })
  orderId!: string;

  @Field(() => ID, { description: "The product whose line to remove, with all its units (NOT_FOUND if the order has no such line)." })
  productId!: string;
}

@InputType({ description: "Input of shipOrder." })
export class ShipOrderInput extends CommandInput {
  @Field(() => ID, { description: "An open order with at least one line (NOT_FOUND if there is none, INVALID_STATE otherwise)." })
  orderId!: string;

  @Field(() => String, { description: "The carrier: 1 to 100 characters, trimmed." })
  carrier!: string;

  @Field(() => String, { description: "The carrier's tracking number: 1 to 100 characters, trimmed." })
  trackingNumber!: string;
}

@InputType({ description: "Input of cancelOrder." })
export class CancelOrderInput extends CommandInput {
  @Field(() => ID, { description: "An open order (NOT_FOUND if there is none, INVALID_STATE once shipped or cancelled)." })
  orderId!: string;

  @Field(() => String, { description: "Why the order is cancelled: 1 to 500 characters, trimmed." })
  reason!: string;
}
