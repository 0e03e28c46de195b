/**
 * Orders: created for a customer with products (prices captured), changed while open, then
 * shipped or cancelled; four read models (ORDER_SUMMARY, CUSTOMER_ORDERS, SHIPPING_DASHBOARD,
 * ORDER_ANALYTICS).
 */
import type DataLoader from "dataloader";
import { ANY_ROLE, CUSTOMER_OR_ADMIN, STAFF, streamCustomer } from "../../application/authorization.js";
import { byId } from "../../graphql/loaders.js";
import type { CatchupModule } from "../../graphql/module.js";
import * as commands from "./commands.js";
import {
  OrderItemFieldsResolver,
  OrderPayloadResolvers,
  OrderResolver,
  OrderSummaryFieldsResolver,
  orderSummaryRows,
  ProductSalesFieldsResolver,
  ShippingDashboardFieldsResolver,
} from "./graphql/resolver.js";
import { ORDER_STREAM } from "./order.js";
import { customerOrdersProjection } from "./projections/customer-orders.js";
import { orderAnalyticsProjection } from "./projections/order-analytics.js";
import { findOrderSummaries, orderSummaryProjection, type OrderSummaryRow } from "./projections/order-summary.js";
import { orderSearchProjection } from "./projections/order-search.js";
import { shippingDashboardProjection } from "./projections/shipping-dashboard.js";

declare module "../../graphql/loaders.js" {
  interface Loaders {
    orderSummary: DataLoader<string, OrderSummaryRow | null>;
  }
}

export const ordersModule: CatchupModule = {
  name: "orders",
  commands,
  readModels: [
    {
      projection: orderSummaryProjection,
      streamType: ORDER_STREAM,
      description:
        "One row per order, as its page shows it: orderSummary, the orders of every list of orders, and the order of order payloads.",
      access: { roles: ANY_ROLE, owner: (store, id) => streamCustomer(store, id, ORDER_STREAM), rowIds: "order id" },
      row: orderSummaryRows,
    },
    {
      projection: customerOrdersProjection,
      description: "Each customer's orders, newest first, with their count and lifetime total: the list of customerOrders.",
      access: { roles: CUSTOMER_OR_ADMIN, owner: (_, id) => id, rowIds: "customer id" },
    },
    {
      projection: orderSearchProjection,
      description: "Every order by status, customer and creation time, with a full-text document: the list of orders.",
      access: { roles: ANY_ROLE, owner: (store, id) => streamCustomer(store, id, ORDER_STREAM), rowIds: "order id" },
    },
    {
      projection: shippingDashboardProjection,
      description: "Orders awaiting shipment, order counts by status and orders shipped per UTC day: shippingDashboard.",
      access: { roles: STAFF, rowIds: "order id" },
    },
    {
      projection: orderAnalyticsProjection,
      description: "Per UTC day, orders created, shipped and cancelled, with revenue; sales per product: orderAnalytics and topProducts.",
      access: { roles: STAFF, rowIds: "day (YYYY-MM-DD)" },
    },
  ],
  resolvers: [
    OrderResolver,
    ShippingDashboardFieldsResolver,
    OrderSummaryFieldsResolver,
    OrderItemFieldsResolver,
    ProductSalesFieldsResolver,
    ...OrderPayloadResolvers,
  ],
  loaders: (sql) => ({ orderSummary: byId((ids) => findOrderSummaries(sql, ids)) }),
};
