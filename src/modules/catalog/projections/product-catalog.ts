/** PRODUCT_CATALOG: the products clients browse, one row each. */
import type { Sql } from "../../../core/database/database.js";
import { unreachable } from "../../../core/decider.js";
import { tableRows } from "../../../core/projection-helpers/batch-rows.js";
import { ChangeLog, continuedStreams } from "../../../core/projection-helpers/batch.js";
import { selectRows } from "../../../core/projection-helpers/table-reads.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
import { keysetPage, type KeysetPage, type KeysetRequest } from "../../../core/projection-helpers/keyset.js";
import { refuseUnindexed, textSearch } from "../../../core/projection-helpers/text-search.js";
import { defineProjection } from "../../../core/projection.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import { PRODUCT_EVENT_TYPES, type ProductEvent } from "../product.js";

export const PRODUCT_CATALOG = "PRODUCT_CATALOG";

const PRODUCTS: TableSpec<CatalogProductRow> = {
  table: "catalog_products",
  key: ["id"],
  columns: {
    id: ["id", "text"],
    sku: ["sku", "text"],
    name: ["name", "text"],
    priceCents: ["price_cents", "integer"],
    addedAt: ["added_at", "timestamptz"],
    updatedAt: ["updated_at", "timestamptz"],
    version: ["version", "integer"],
    position: ["position", "bigint"],
  },
};

export const productCatalogProjection = defineProjection<ProductEvent>()({
  name: PRODUCT_CATALOG,
  eventTypes: PRODUCT_EVENT_TYPES,
  tables: ["catalog_products"],

  async apply(events, tx) {
    const log = new ChangeLog();
    const products = tableRows<CatalogProductRow>(tx, PRODUCTS, "id");
    await products.preload(continuedStreams(events, "ProductAdded"));
    for (const event of events) {
      const id = event.streamId;
      const stamp = { version: event.version, position: event.position, updatedAt: event.recordedAt };
      switch (event.type) {
        case "ProductAdded":
          products.create({
            id,
            sku: event.data.sku,
            name: event.data.name,
            priceCents: event.data.priceCents,
            addedAt: event.recordedAt,
            ...stamp,
          });
          break;
        case "ProductRenamed":
          products.set({ ...products.require(id, "ProductRenamed"), name: event.data.name, ...stamp });
          break;
        case "ProductPriceChanged":
          products.set({ ...products.require(id, "ProductPriceChanged"), priceCents: event.data.priceCents, ...stamp });
          break;
        default:
          unreachable(event);
      }
      log.add(id, event.version, event.position);
    }
    await products.flush();
    return log.changes;
  },
});

export type CatalogProductRow = Awaited<ReturnType<PrismaClient["catalogProduct"]["findMany"]>>[number];

export function findCatalogProducts(sql: Sql, ids: readonly string[]): Promise<CatalogProductRow[]> {
  return selectRows(sql, PRODUCTS, "id = ANY($1::text[])", [ids]);
}

/** The key of a product in a list: by name, or best match first when searching. */
export interface ProductListKey {
  id: string;
  name: string;
  /** Minus the match's rank, as PostgreSQL prints the real (only when searching). */
  rank?: string;
}

/**
 * A page of products by name (then id), or with `search` best match first (SKU above name,
 * then by name). A search without a word matches nothing.
 */
export function productListPage(
  sql: Sql,
  search: string | null,
  request: KeysetRequest,
  count = true,
): Promise<KeysetPage<ProductListKey>> {
  const params: unknown[] = [];
  const where: string[] = [];
  const byName = [
    { expr: "name", type: "text" },
    { expr: "id", type: "text" },
  ];
  const text = search == null ? null : textSearch(search);
  if (text === null || text === "nothing") {
    if (text === "nothing") where.push("false");
    return keysetPage(
      sql,
      { select: "id, name", from: "catalog_products", where, params, keys: byName, descending: false },
      request,
      count,
    );
  }
  where.push("search @@ terms.query");
  // Ascending keys throughout: minus the rank puts the best match first.
  const rank = "(-ts_rank(search, terms.query))";
  return refuseUnindexed(() =>
    keysetPage(
      sql,
      {
        select: `id, name, ${rank}::text AS rank`,
        from: `catalog_products, ${text.joined((value) => `$${params.push(value)}`)} AS terms`,
        where,
        params,
        keys: [{ expr: rank, type: "real" }, ...byName],
        descending: false,
      },
      request,
      count,
    ),
  );
}

/** The product of a SKU (SKUs are stored upper-case). */
export async function findProductBySku(sql: Sql, sku: string): Promise<CatalogProductRow | null> {
  const [row] = await selectRows(sql, PRODUCTS, "sku = $1", [sku.trim().toUpperCase()]);
  return row ?? null;
}
