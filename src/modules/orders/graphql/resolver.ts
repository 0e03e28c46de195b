import { GraphQLDate } from "graphql-scalars";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { inputLimits } from "../../../graphql/limits.js";
import { ListOf, PagedBy } from "../../../graphql/list-size.js";
import { ANY_ROLE, CUSTOMER_OR_ADMIN, mayReadStream, ownRow, requireOwner, STAFF } from "../../../application/authorization.js";
import { ValidationError } from "../../../core/errors.js";
import { dayKey } from "../../../core/projection-helpers/dates.js";
import type { CommandOutcome } from "../../../application/command.js";
import { Consistency, CONSISTENCY_ARG } from "../../../graphql/common.js";
import type { RowSource } from "../../../graphql/module.js";
import { commandPayloads } from "../../../graphql/payloads.js";
import { readAfter, type Context } from "../../../graphql/context.js";
import { decodeCursor, encodeCursor, pageInfo, pageSize } from "../../../graphql/pagination.js";
import { PositionScalar } from "../../../graphql/scalars.js";
import { Product } from "../../catalog/graphql/types.js";
import { PRODUCT_CATALOG, type CatalogProductRow } from "../../catalog/projections/product-catalog.js";
import { Customer } from "../../customers/graphql/types.js";
import { CUSTOMER_PROFILE, type CustomerProfileRow } from "../../customers/projections/customer-profile.js";
import * as commands from "../commands.js";
import { ORDER_STREAM } from "../order.js";
import { orderFromStream } from "../order-stream.js";
import { CUSTOMER_ORDERS, customerOrdersPage } from "../projections/customer-orders.js";
import { dailyOrderStats, ORDER_ANALYTICS, topProducts } from "../projections/order-analytics.js";
import { ORDER_SUMMARY, type OrderSummaryRow } from "../projections/order-summary.js";
import { SHIPPING_DASHBOARD, shippingDashboard } from "../projections/shipping-dashboard.js";
import {
  AddOrderItemInput,
  CancelOrderInput,
  CreateOrderInput,
  CustomerOrdersConnection,
  DailyOrderStats,
  OrderItem,
  OrderSummary,
  ProductSales,
  RemoveOrderItemInput,
  ShipOrderInput,
  ShippingDashboard,
} from "./types.js";

/** The longest span orderAnalytics answers (from to `to`, days apart), and topProducts' default page. */
const MAX_ANALYTICS_DAYS = 366;
const TOP_PRODUCTS_PAGE = 10;

/** ORDER_SUMMARY's rows as OrderSummary: another customer's order reads as null, as a missing one. */
export const orderSummaryRows: RowSource<OrderSummaryRow> = {
  type: () => OrderSummary,
  read: async (context, id) => ownRow(context, await context.loaders.orderSummary.clear(id).load(id)),
};

/** The payloads of this module's mutations: each adds the order it changed. */
const payloads = commandPayloads(
  ["CreateOrderPayload", "AddOrderItemPayload", "RemoveOrderItemPayload", "ShipOrderPayload", "CancelOrderPayload"],
  {
    field: "order",
    projection: ORDER_SUMMARY,
    rows: orderSummaryRows,
  },
);
export const OrderPayloadResolvers = payloads.resolvers;

@Resolver()
@UseMiddleware(inputLimits)
export class OrderResolver {
  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.CreateOrderPayload, {
    nullable: true,
    description: "Creates an order for an existing customer; unit prices are captured now. The new id is the result's streamId.",
  })
  createOrder(
    @Arg("input", () => CreateOrderInput) input: CreateOrderInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.createOrder(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.AddOrderItemPayload, {
    nullable: true,
    description: "Adds units of a product to an open order (to its line if it has one, at the captured price).",
  })
  addOrderItem(
    @Arg("input", () => AddOrderItemInput) input: AddOrderItemInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.addOrderItem(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.RemoveOrderItemPayload, { nullable: true })
  removeOrderItem(
    @Arg("input", () => RemoveOrderItemInput) input: RemoveOrderItemInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.removeOrderItem(context.services, context, input, consistency);
  }

  @Authorized(STAFF)
  @Mutation(() => payloads.types.ShipOrderPayload, {
    nullable: true,
    description: "INVALID_STATE for an empty, shipped or cancelled order.",
  })
  shipOrder(
    @Arg("input", () => ShipOrderInput) input: ShipOrderInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.shipOrder(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.CancelOrderPayload, { nullable: true, description: "INVALID_STATE for a shipped or cancelled order." })
  cancelOrder(
    @Arg("input", () => CancelOrderInput) input: CancelOrderInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.cancelOrder(context.services, context, input, consistency);
  }

  @Authorized(ANY_ROLE)
  @Query(() => OrderSummary, {
    nullable: true,
    description:
      "An order from ORDER_SUMMARY; minPosition/minVersion wait for it, consistent: true reads the order's event stream. " +
      "Another customer's order answers null, as a missing one does.",
  })
  async orderSummary(
    @Arg("id", () => ID) id: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Arg("minVersion", () => Int, { nullable: true }) minVersion: number | null,
    @Arg("consistent", () => Boolean, { nullable: true, defaultValue: false }) consistent: boolean | null,
    @Ctx() context: Context,
  ): Promise<OrderSummaryRow | null> {
    const { services, loaders } = context;
    if (consistent)
      return (await mayReadStream(context, services.store, id, ORDER_STREAM))
        ? orderFromStream(services.store, services.db.prisma, id)
        : null;
    await readAfter(context, ORDER_SUMMARY, minPosition);
    return services.consistency.requireVersion(ORDER_SUMMARY, id, minVersion, async () =>
      ownRow(context, await loaders.orderSummary.clear(id).load(id)),
    );
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Query(() => CustomerOrdersConnection, { description: "A customer's orders, newest first (first: 1 to 100, default 20)." })
  async customerOrders(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Ctx() context: Context,
  ): Promise<CustomerOrdersConnection> {
    const { services, loaders } = context;
    requireOwner(context, customerId);
    const size = pageSize(first);
    const cursor = decodeCursor(after, { createdAt: "instant", orderId: "text" });
    // The list comes from CUSTOMER_ORDERS, its nodes from ORDER_SUMMARY: wait for both.
    await readAfter(context, [CUSTOMER_ORDERS, ORDER_SUMMARY], minPosition);
    const page = await customerOrdersPage(services.db.sql, customerId, size, cursor);
    const nodes = await loaders.orderSummary.loadMany(page.orderIds);
    const edges = page.orderIds.flatMap((orderId, index) => {
      const node = nodes[index];
      if (!node || node instanceof Error) return [];
      const { createdAt } = page.cursors[index]!;
      return [{ cursor: encodeCursor({ createdAt: createdAt.toISOString(), orderId }), node: node as unknown as OrderSummary }];
    });
    return {
      edges,
      pageInfo: pageInfo(edges, page.hasNextPage, after),
      totalCount: page.totalCount,
      lifetimeTotalCents: Number(page.lifetimeTotalCents),
    };
  }

  @Authorized(STAFF)
  @Query(() => ShippingDashboard)
  async shippingDashboard(
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Arg("awaitingFirst", () => Int, { nullable: true, description: "How many orders awaiting shipment (1 to 100, default 20)." })
    awaitingFirst: number | null,
    @Ctx() context: Context,
  ): Promise<ShippingDashboard> {
    const { services, loaders } = context;
    const size = pageSize(awaitingFirst);
    await readAfter(context, [SHIPPING_DASHBOARD, ORDER_SUMMARY], minPosition);
    const dashboard = await shippingDashboard(services.db.prisma, size);
    const nodes = await loaders.orderSummary.loadMany(dashboard.awaitingShipmentIds);
    return {
      awaitingShipment: nodes.filter(
        (node): node is OrderSummaryRow => node !== null && !(node instanceof Error),
      ) as unknown as OrderSummary[],
      countsByStatus: dashboard.countsByStatus as ShippingDashboard["countsByStatus"],
      shippedPerDay: dashboard.shippedPerDay,
    };
  }

  @Authorized(STAFF)
  @ListOf(MAX_ANALYTICS_DAYS + 1)
  @Query(() => [DailyOrderStats], {
    description: "ORDER_ANALYTICS per UTC day from `from` to `to` (inclusive, at most 366 days); days without activity are left out.",
  })
  async orderAnalytics(
    @Arg("from", () => GraphQLDate) from: Date,
    @Arg("to", () => GraphQLDate) to: Date,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Ctx() context: Context,
  ): Promise<DailyOrderStats[]> {
    const { services } = context;
    if (to < from) throw new ValidationError("to must not be before from", { field: "to" });
    if (to.getTime() - from.getTime() > MAX_ANALYTICS_DAYS * 86_400_000)
      throw new ValidationError(`at most ${MAX_ANALYTICS_DAYS} days at a time`, { field: "to" });
    await readAfter(context, ORDER_ANALYTICS, minPosition);
    const rows = await dailyOrderStats(services.db.prisma, from, to);
    return rows.map((row) => ({
      date: dayKey(row.date),
      ordersCreated: Number(row.ordersCreated),
      ordersShipped: Number(row.ordersShipped),
      ordersCancelled: Number(row.ordersCancelled),
      revenueCents: Number(row.revenueCents),
      itemsSold: Number(row.itemsSold),
    }));
  }

  @Authorized(STAFF)
  @PagedBy("first", TOP_PRODUCTS_PAGE)
  @Query(() => [ProductSales], { description: "Best-selling products by units shipped (ORDER_ANALYTICS)." })
  async topProducts(
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Ctx() context: Context,
  ): Promise<ProductSales[]> {
    const { services } = context;
    const size = pageSize(first ?? TOP_PRODUCTS_PAGE);
    await readAfter(context, ORDER_ANALYTICS, minPosition);
    const rows = await topProducts(services.db.prisma, size);
    return rows.map((row) => ({ ...row, quantitySold: Number(row.quantitySold), revenueCents: Number(row.revenueCents) }));
  }
}

@Resolver(() => OrderSummary)
export class OrderSummaryFieldsResolver {
  @FieldResolver(() => Customer, { nullable: true, description: "The customer's profile (CUSTOMER_PROFILE)." })
  async customer(@Root() order: OrderSummaryRow, @Ctx() context: Context): Promise<CustomerProfileRow | null> {
    await readAfter(context, CUSTOMER_PROFILE, null);
    return context.loaders.customerProfile.load(order.customerId);
  }
}

@Resolver(() => OrderItem)
export class OrderItemFieldsResolver {
  @FieldResolver(() => Int)
  lineTotalCents(@Root() item: OrderItem): number {
    return item.quantity * item.unitPriceCents;
  }

  @FieldResolver(() => Product, { nullable: true, description: "The product as the catalog shows it now (PRODUCT_CATALOG)." })
  async product(@Root() item: OrderItem, @Ctx() context: Context): Promise<CatalogProductRow | null> {
    await readAfter(context, PRODUCT_CATALOG, null);
    return context.loaders.catalogProduct.load(item.productId);
  }
}

@Resolver(() => ProductSales)
export class ProductSalesFieldsResolver {
  @FieldResolver(() => Product, { nullable: true })
  async product(@Root() sales: ProductSales, @Ctx() context: Context): Promise<CatalogProductRow | null> {
    await readAfter(context, PRODUCT_CATALOG, null);
    return context.loaders.catalogProduct.load(sales.productId);
  }
}
