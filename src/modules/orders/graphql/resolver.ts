import type { GraphQLResolveInfo } from "graphql";
import { GraphQLDate } from "graphql-scalars";
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Info, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { inputLimits } from "../../../graphql/limits.js";
import { ListOf, PagedBy } from "../../../graphql/list-size.js";
import { ANY_ROLE, CUSTOMER_OR_ADMIN, mayReadStream, ownRow, requireOwner, STAFF } from "../../../application/authorization.js";
import { ValidationError } from "../../../core/errors.js";
import { dayKey } from "../../../core/projection-helpers/dates.js";
import { REFUSED_SEARCHES, SEARCH_SYNTAX } from "../../../core/projection-helpers/text-search.js";
import type { CommandOutcome } from "../../../application/command.js";
import { Consistency, CONSISTENCY_ARG } from "../../../graphql/common.js";
import type { RowSource } from "../../../graphql/module.js";
import { commandPayloads } from "../../../graphql/payloads.js";
import { readAfter, type Context } from "../../../graphql/context.js";
import type { KeysetPage } from "../../../core/projection-helpers/keyset.js";
import {
  ConnectionList,
  connectionOf,
  counts,
  keysetRequest,
  listScope,
  PageArgs,
  pageRequest,
  pageRequestOf,
  pageSize,
  storableInstant,
  type Decoded,
} from "../../../graphql/pagination.js";
import { PositionScalar } from "../../../graphql/scalars.js";
import { consistentDescription, firstDescription, minPositionDescription, minVersionDescription } from "../../../graphql/descriptions.js";
import { Product } from "../../catalog/graphql/types.js";
import { PRODUCT_CATALOG, type CatalogProductRow } from "../../catalog/projections/product-catalog.js";
import { Customer } from "../../customers/graphql/types.js";
import { CUSTOMER_PROFILE, type CustomerProfileRow } from "../../customers/projections/customer-profile.js";
import * as commands from "../commands.js";
import { ORDER_STREAM } from "../order.js";
import { orderFromStream } from "../order-stream.js";
import { CUSTOMER_ORDERS, customerOrdersPage, lifetimeTotalCents } from "../projections/customer-orders.js";
import { MOST_RANKED, MOST_RANKED_BY_CURSOR, ORDER_SEARCH, orderListPage, type OrderListKey } from "../projections/order-search.js";
import { dailyOrderStats, ORDER_ANALYTICS, topProducts } from "../projections/order-analytics.js";
import { ORDER_SUMMARY, type OrderSummaryRow } from "../projections/order-summary.js";
import { awaitingShipmentPage, SHIPPING_DASHBOARD, shippingDashboard } from "../projections/shipping-dashboard.js";
import {
  AddOrderItemInput,
  CancelOrderInput,
  CreateOrderInput,
  CustomerOrdersConnection,
  DailyOrderStats,
  OrderConnection,
  OrderFilter,
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

const SEARCH =
  "Full-text search over order ids (whole, or any typed start of one), customer names and emails, and current product names: " +
  `${SEARCH_SYNTAX} Best match first (an id above a customer above a product, then newest) when at most ` +
  `${MOST_RANKED.toLocaleString("en")} orders match; a broader search (a common word, a short prefix) lists them newest first, ` +
  "and its cursors keep that order. No words: no orders; " +
  `${REFUSED_SEARCHES}: BAD_USER_INPUT. Cursors of one search page that search only; a best-match cursor once more than ${MOST_RANKED_BY_CURSOR.toLocaleString("en")} orders match: BAD_USER_INPUT (start again from the first page).`;

/** Cursor shapes: newest first (createdAt, then id), oldest first, and best match first. */
const NEWEST = { createdAt: "instant", orderId: "text" } as const;
const OLDEST = NEWEST;
const BEST_MATCH = { rank: "real", createdAt: "instant", orderId: "text" } as const;

/** Order summaries (ORDER_SUMMARY, by the request's loader) as the edges of a page of order ids. */
async function orderConnection<S extends typeof NEWEST | typeof BEST_MATCH>(
  context: Context,
  page: KeysetPage<OrderListKey>,
  shape: S,
  scope: string,
): Promise<OrderConnection> {
  const nodes = await context.loaders.orderSummary.loadMany(page.rows.map((row) => row.orderId));
  const byId = new Map(nodes.flatMap((node) => (node && !(node instanceof Error) ? [[node.id, node]] : [])));
  return connectionOf(
    page,
    shape,
    scope,
    (row) => ({ ...row, createdAt: new Date(row.createdAt) }) as unknown as Decoded<S>,
    (row) => (byId.get(row.orderId) as unknown as OrderSummary | undefined) ?? null,
  );
}

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
    @Arg("input", () => CreateOrderInput, { description: "The customer and the lines." }) input: CreateOrderInput,
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
    @Arg("input", () => AddOrderItemInput, { description: "The order, the product and how many units." }) input: AddOrderItemInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.addOrderItem(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.RemoveOrderItemPayload, {
    nullable: true,
    description: "Removes a product's line, with all its units, from an open order. INVALID_STATE for a shipped or cancelled order.",
  })
  removeOrderItem(
    @Arg("input", () => RemoveOrderItemInput, { description: "The order and the product whose line to remove." })
    input: RemoveOrderItemInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.removeOrderItem(context.services, context, input, consistency);
  }

  @Authorized(STAFF)
  @Mutation(() => payloads.types.ShipOrderPayload, {
    nullable: true,
    description: "Ships an open order that has at least one line. INVALID_STATE for an empty, shipped or cancelled order.",
  })
  shipOrder(
    @Arg("input", () => ShipOrderInput, { description: "The order, the carrier and the tracking number." }) input: ShipOrderInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.shipOrder(context.services, context, input, consistency);
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Mutation(() => payloads.types.CancelOrderPayload, {
    nullable: true,
    description: "Cancels an open order. INVALID_STATE for a shipped or cancelled order.",
  })
  cancelOrder(
    @Arg("input", () => CancelOrderInput, { description: "The order and the reason." }) input: CancelOrderInput,
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
    @Arg("id", () => ID, { description: "The order's id." }) id: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(ORDER_SUMMARY) })
    minPosition: bigint | null,
    @Arg("minVersion", () => Int, { nullable: true, description: minVersionDescription("order") }) minVersion: number | null,
    @Arg("consistent", () => Boolean, { nullable: true, defaultValue: false, description: consistentDescription("order") })
    consistent: boolean | null,
    @Ctx() context: Context,
  ): Promise<OrderSummaryRow | null> {
    const { services, loaders } = context;
    if (consistent)
      return (await mayReadStream(context, services.store, id, ORDER_STREAM))
        ? orderFromStream(services.store, services.store.db, id)
        : null;
    await readAfter(context, ORDER_SUMMARY, minPosition);
    return services.consistency.requireVersion(ORDER_SUMMARY, id, minVersion, async () =>
      ownRow(context, await loaders.orderSummary.clear(id).load(id)),
    );
  }

  @Authorized(CUSTOMER_OR_ADMIN)
  @Query(() => CustomerOrdersConnection, { description: "A customer's orders, newest first (CUSTOMER_ORDERS)." })
  async customerOrders(
    @Arg("customerId", () => ID, { description: "The customer (a customer may name only itself: FORBIDDEN otherwise)." })
    customerId: string,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(CUSTOMER_ORDERS, ORDER_SUMMARY) })
    minPosition: bigint | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CustomerOrdersConnection> {
    const { services } = context;
    requireOwner(context, customerId);
    const scope = listScope("customerOrders", customerId);
    const page = pageRequest(pageArgs, NEWEST, scope);
    // The list comes from CUSTOMER_ORDERS, its nodes from ORDER_SUMMARY: wait for both.
    await readAfter(context, [CUSTOMER_ORDERS, ORDER_SUMMARY], minPosition);
    const [rows, lifetime] = await Promise.all([
      customerOrdersPage(services.db.sql, customerId, keysetRequest(page, NEWEST), counts(info)),
      lifetimeTotalCents(services.db.sql, customerId),
    ]);
    return { ...(await orderConnection(context, rows, NEWEST, scope)), lifetimeTotalCents: Number(lifetime) };
  }

  @Authorized(ANY_ROLE)
  @Query(() => OrderConnection, {
    description:
      "Orders (ORDER_SEARCH), newest first, narrowed by `filter`; with `search`, best match first (newest first when many match: see `search`). " +
      "Staff and admin see every order; a customer, only its own.",
  })
  async orders(
    @Arg("filter", () => OrderFilter, { nullable: true, description: "Narrows the list: status, customer, creation time." })
    filter: OrderFilter | null,
    @Arg("search", () => String, { nullable: true, description: SEARCH })
    search: string | null,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(ORDER_SEARCH, ORDER_SUMMARY) })
    minPosition: bigint | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OrderConnection> {
    const { services } = context;
    let customerId = filter?.customerId ?? null;
    if (context.principal?.role === "customer") {
      if (customerId !== null) requireOwner(context, customerId);
      customerId = context.principal.subject;
    }
    const createdFrom = storableInstant(filter?.createdFrom, "filter.createdFrom");
    const createdTo = storableInstant(filter?.createdTo, "filter.createdTo");
    if (createdFrom && createdTo && createdTo < createdFrom)
      throw new ValidationError("createdTo must not be before createdFrom", { field: "filter.createdTo" });
    const list = { status: filter?.status ?? null, customerId, createdFrom, createdTo, search: search ?? null };
    const scope = listScope("orders", list);
    // A search ranks its matches, or lists them newest first when they are many: a cursor's shape says which.
    const { page, shape: cursorShape } = pageRequestOf(pageArgs, list.search !== null ? [BEST_MATCH, NEWEST] : [NEWEST], scope);
    await readAfter(context, [ORDER_SEARCH, ORDER_SUMMARY], minPosition);
    const rows = await orderListPage(services.db.sql, list, keysetRequest(page, cursorShape ?? NEWEST), {
      count: counts(info),
      ranked: cursorShape ? cursorShape === BEST_MATCH : undefined,
    });
    return orderConnection(context, rows, rows.ranked ? BEST_MATCH : NEWEST, scope);
  }

  @Authorized(STAFF)
  @Query(() => ShippingDashboard, { description: "What shipping staff watch (SHIPPING_DASHBOARD)." })
  async shippingDashboard(
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(SHIPPING_DASHBOARD, ORDER_SUMMARY) })
    minPosition: bigint | null,
    @Ctx() context: Context,
  ): Promise<ShippingDashboard> {
    await readAfter(context, [SHIPPING_DASHBOARD, ORDER_SUMMARY], minPosition);
    const dashboard = await shippingDashboard(context.services.db.prisma);
    return {
      countsByStatus: dashboard.countsByStatus as ShippingDashboard["countsByStatus"],
      shippedPerDay: dashboard.shippedPerDay,
    };
  }

  @Authorized(STAFF)
  @ListOf(MAX_ANALYTICS_DAYS + 1)
  @Query(() => [DailyOrderStats], {
    description:
      `ORDER_ANALYTICS per UTC day from \`from\` to \`to\`, both included (\`to\` at most ${MAX_ANALYTICS_DAYS} days after \`from\`), ` +
      "oldest first; days without activity are left out.",
  })
  async orderAnalytics(
    @Arg("from", () => GraphQLDate, { description: "The first UTC day." }) from: Date,
    @Arg("to", () => GraphQLDate, {
      description: `The last UTC day: not before \`from\`, at most ${MAX_ANALYTICS_DAYS} days after it (BAD_USER_INPUT otherwise).`,
    })
    to: Date,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(ORDER_ANALYTICS) })
    minPosition: bigint | null,
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
  @Query(() => [ProductSales], {
    description: "Best-selling products by units shipped, most first (ORDER_ANALYTICS). Products never shipped are left out.",
  })
  async topProducts(
    @Arg("first", () => Int, { nullable: true, description: firstDescription(TOP_PRODUCTS_PAGE) }) first: number | null,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(ORDER_ANALYTICS) })
    minPosition: bigint | null,
    @Ctx() context: Context,
  ): Promise<ProductSales[]> {
    const { services } = context;
    const size = pageSize(first ?? TOP_PRODUCTS_PAGE);
    await readAfter(context, ORDER_ANALYTICS, minPosition);
    const rows = await topProducts(services.db.prisma, size);
    return rows.map((row) => ({ ...row, quantitySold: Number(row.quantitySold), revenueCents: Number(row.revenueCents) }));
  }
}

@Resolver(() => ShippingDashboard)
export class ShippingDashboardFieldsResolver {
  @ConnectionList()
  @FieldResolver(() => OrderConnection, { description: "Orders neither shipped nor cancelled, oldest first." })
  async awaitingShipment(
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<OrderConnection> {
    const scope = listScope("awaitingShipment");
    const page = pageRequest(pageArgs, OLDEST, scope);
    // shippingDashboard waited for SHIPPING_DASHBOARD and ORDER_SUMMARY: checkpoints only move forward.
    const rows = await awaitingShipmentPage(context.services.db.sql, keysetRequest(page, OLDEST), counts(info));
    return orderConnection(context, rows, OLDEST, scope);
  }
}

@Resolver(() => OrderSummary)
export class OrderSummaryFieldsResolver {
  @FieldResolver(() => Customer, { nullable: true, description: "The customer's profile (CUSTOMER_PROFILE)." })
  async customer(
    @Root() order: OrderSummaryRow,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CustomerProfileRow | null> {
    await readAfter(context, CUSTOMER_PROFILE, null, info);
    return context.loaders.customerProfile.load(order.customerId);
  }
}

@Resolver(() => OrderItem)
export class OrderItemFieldsResolver {
  @FieldResolver(() => Int, { description: "quantity × unitPriceCents, in cents (at most the order's total, a GraphQL Int)." })
  lineTotalCents(@Root() item: OrderItem): number {
    return item.quantity * item.unitPriceCents;
  }

  @FieldResolver(() => Product, { nullable: true, description: "The product as the catalog shows it now (PRODUCT_CATALOG)." })
  async product(@Root() item: OrderItem, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): Promise<CatalogProductRow | null> {
    await readAfter(context, PRODUCT_CATALOG, null, info);
    return context.loaders.catalogProduct.load(item.productId);
  }
}

@Resolver(() => ProductSales)
export class ProductSalesFieldsResolver {
  @FieldResolver(() => Product, { nullable: true, description: "The product as the catalog shows it now (PRODUCT_CATALOG)." })
  async product(@Root() sales: ProductSales, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): Promise<CatalogProductRow | null> {
    await readAfter(context, PRODUCT_CATALOG, null, info);
    return context.loaders.catalogProduct.load(sales.productId);
  }
}
