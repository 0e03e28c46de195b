import { GraphQLDate, GraphQLSafeInt } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { CommandInput } from "../../../graphql/common.js";
import { ListOf, PagedBy } from "../../../graphql/list-size.js";
import { DEFAULT_PAGE_SIZE, PageInfo } from "../../../graphql/pagination.js";
import { MAX_ORDER_LINES } from "../order.js";
import { SHIPPED_DAYS } from "../projections/shipping-dashboard.js";
import { DateTimeScalar, PositionScalar } from "../../../graphql/scalars.js";

export enum OrderStatus {
  CREATED = "CREATED",
  SHIPPED = "SHIPPED",
  CANCELLED = "CANCELLED",
}
registerEnumType(OrderStatus, { name: "OrderStatus" });

@ObjectType()
export class OrderItem {
  @Field(() => ID)
  productId!: string;

  @Field(() => String, { description: "The product's current name." })
  productName!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int, { description: "The price captured when the item was ordered." })
  unitPriceCents!: number;
}

@ObjectType({ description: "An order as its page shows it, from the ORDER_SUMMARY read model." })
export class OrderSummary {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => String)
  customerName!: string;

  @Field(() => String)
  customerEmail!: string;

  @ListOf(MAX_ORDER_LINES)
  @Field(() => [OrderItem])
  items!: OrderItem[];

  @Field(() => Int, { description: "Units over all lines." })
  itemCount!: number;

  @ListOf(MAX_ORDER_LINES)
  @Field(() => [String])
  productNames!: string[];

  @Field(() => Int)
  totalCents!: number;

  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field(() => String, { nullable: true })
  carrier!: string | null;

  @Field(() => String, { nullable: true })
  trackingNumber!: string | null;

  @Field(() => String, { nullable: true })
  cancelReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  shippedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  cancelledAt!: Date | null;

  @Field(() => Int, { description: "The order stream's version this row reflects." })
  version!: number;

  @Field(() => PositionScalar)
  position!: bigint;
}

@ObjectType()
export class OrderSummaryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => OrderSummary)
  node!: OrderSummary;
}

@ObjectType({ description: "A customer's orders, newest first (CUSTOMER_ORDERS), with their totals." })
export class CustomerOrdersConnection {
  @PagedBy("first", DEFAULT_PAGE_SIZE)
  @Field(() => [OrderSummaryEdge])
  edges!: OrderSummaryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;

  @Field(() => GraphQLSafeInt, { description: "Sum of the totals of the customer's orders that are not cancelled." })
  lifetimeTotalCents!: number;
}

@ObjectType()
export class StatusCount {
  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field(() => GraphQLSafeInt)
  count!: number;
}

@ObjectType()
export class DayCount {
  @Field(() => GraphQLDate)
  date!: string;

  @Field(() => GraphQLSafeInt)
  count!: number;
}

@ObjectType({ description: "From the SHIPPING_DASHBOARD read model." })
export class ShippingDashboard {
  @PagedBy("awaitingFirst", DEFAULT_PAGE_SIZE)
  @Field(() => [OrderSummary], { description: "Orders not yet shipped or cancelled, oldest first." })
  awaitingShipment!: OrderSummary[];

  @ListOf(3)
  @Field(() => [StatusCount])
  countsByStatus!: StatusCount[];

  @ListOf(SHIPPED_DAYS)
  @Field(() => [DayCount], { description: `Orders shipped per UTC day, the last ${SHIPPED_DAYS} days with shipments, oldest first.` })
  shippedPerDay!: DayCount[];
}

@ObjectType({ description: "One UTC day of ORDER_ANALYTICS. Revenue and items count orders shipped that day." })
export class DailyOrderStats {
  @Field(() => GraphQLDate)
  date!: string;

  @Field(() => GraphQLSafeInt)
  ordersCreated!: number;

  @Field(() => GraphQLSafeInt)
  ordersShipped!: number;

  @Field(() => GraphQLSafeInt)
  ordersCancelled!: number;

  @Field(() => GraphQLSafeInt)
  revenueCents!: number;

  @Field(() => GraphQLSafeInt)
  itemsSold!: number;
}

@ObjectType({ description: "Sales of one product over shipped orders (ORDER_ANALYTICS)." })
export class ProductSales {
  @Field(() => ID)
  productId!: string;

  @Field(() => String)
  productName!: string;

  @Field(() => GraphQLSafeInt)
  quantitySold!: number;

  @Field(() => GraphQLSafeInt)
  revenueCents!: number;
}

@InputType()
export class OrderItemInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType()
export class CreateOrderInput extends CommandInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => [OrderItemInput], { description: "1 to 100 lines, each product once." })
  items!: OrderItemInput[];
}

@InputType()
export class AddOrderItemInput extends CommandInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType()
export class RemoveOrderItemInput extends CommandInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => ID)
  productId!: string;
}

@InputType()
export class ShipOrderInput extends CommandInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => String)
  carrier!: string;

  @Field(() => String)
  trackingNumber!: string;
}

@InputType()
export class CancelOrderInput extends CommandInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => String)
  reason!: string;
}
