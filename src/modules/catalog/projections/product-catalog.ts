/** PRODUCT_CATALOG: the products clients browse, one row each. */
import type { Sql } from "../../../core/database/database.js";
import { unreachable } from "../../../core/decider.js";
import { tableRows } from "../../../core/projection-helpers/batch-rows.js";
import { ChangeLog, continuedStreams } from "../../../core/projection-helpers/batch.js";
import { selectRows } from "../../../core/projection-helpers/table-reads.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
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

/** A page of products ordered by name (then id), after the (name, id) cursor. */
export function listCatalogProducts(
  db: PrismaClient,
  first: number,
  after: { name: string; id: string } | null,
): Promise<CatalogProductRow[]> {
  return db.catalogProduct.findMany({
    where: after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: first + 1,
  });
}
