/**
 * Per-request DataLoaders: every nested field that reads a read model by id goes through
 * one of these, so a page of N nodes costs one query per kind of row, not N.
 */
import DataLoader from "dataloader";
import type { Sql } from "../core/database/database.js";
import { findCatalogProducts, type CatalogProductRow } from "../modules/catalog/projections/product-catalog.js";
import { findCustomerProfiles, type CustomerProfileRow } from "../modules/customers/projections/customer-profile.js";
import { findOrderSummaries, type OrderSummaryRow } from "../modules/orders/projections/order-summary.js";

export interface Loaders {
  orderSummary: DataLoader<string, OrderSummaryRow | null>;
  customerProfile: DataLoader<string, CustomerProfileRow | null>;
  catalogProduct: DataLoader<string, CatalogProductRow | null>;
}

function byId<Row extends { id: string }>(load: (ids: readonly string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

export function createLoaders(sql: Sql): Loaders {
  return {
    orderSummary: byId((ids) => findOrderSummaries(sql, ids)),
    customerProfile: byId((ids) => findCustomerProfiles(sql, ids)),
    catalogProduct: byId((ids) => findCatalogProducts(sql, ids)),
  };
}
