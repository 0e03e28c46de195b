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
} from "./graphql/resolver.js";
import { ORDER_STREAM } from "./order.js";
import { customerOrdersProjection } from "./projections/customer-orders.js";
import { orderAnalyticsProjection } from "./projections/order-analytics.js";
import { findOrderSummaries, orderSummaryProjection, type OrderSummaryRow } from "./projections/order-summary.js";
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
      access: { roles: ANY_ROLE, owner: (store, id) => streamCustomer(store, id, ORDER_STREAM), rowIds: "order id" },
      row: orderSummaryRows,
    },
    { projection: customerOrdersProjection, access: { roles: CUSTOMER_OR_ADMIN, owner: (_, id) => id, rowIds: "customer id" } },
    { projection: shippingDashboardProjection, access: { roles: STAFF, rowIds: "order id" } },
    { projection: orderAnalyticsProjection, access: { roles: STAFF, rowIds: "day (YYYY-MM-DD)" } },
  ],
  resolvers: [OrderResolver, OrderSummaryFieldsResolver, OrderItemFieldsResolver, ProductSalesFieldsResolver, ...OrderPayloadResolvers],
  loaders: (sql) => ({ orderSummary: byId((ids) => findOrderSummaries(sql, ids)) }),
};
