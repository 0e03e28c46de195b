/** PRODUCT_CATALOG: the products clients browse, one row each. */
import type { RecordedEvent } from "../../../core/events.js";
import { ChangeLog } from "../../../core/projection-helpers.js";
import type { Projection } from "../../../core/projection.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import { PRODUCT_EVENT_TYPES, type ProductEvent } from "../product.js";

export const PRODUCT_CATALOG = "PRODUCT_CATALOG";

export const productCatalogProjection: Projection = {
  name: PRODUCT_CATALOG,
  eventTypes: PRODUCT_EVENT_TYPES,

  async apply(events, tx) {
    const log = new ChangeLog();
    for (const event of events as readonly RecordedEvent<ProductEvent>[]) {
      const id = event.streamId;
      const stamp = { version: event.version, position: event.position, updatedAt: event.recordedAt };
      switch (event.type) {
        case "ProductAdded":
          await tx.catalogProduct.create({
            data: { id, sku: event.data.sku, name: event.data.name, priceCents: event.data.priceCents, addedAt: event.recordedAt, ...stamp },
          });
          break;
        case "ProductRenamed":
          await tx.catalogProduct.update({ where: { id }, data: { name: event.data.name, ...stamp } });
          break;
        case "ProductPriceChanged":
          await tx.catalogProduct.update({ where: { id }, data: { priceCents: event.data.priceCents, ...stamp } });
          break;
      }
      log.add(id, event.version, event.position);
    }
    return log.changes;
  },

  async reset(tx) {
    await tx.catalogProduct.deleteMany();
  },
};

export type CatalogProductRow = Awaited<ReturnType<PrismaClient["catalogProduct"]["findMany"]>>[number];

export function findCatalogProducts(db: PrismaClient, ids: readonly string[]): Promise<CatalogProductRow[]> {
  return db.catalogProduct.findMany({ where: { id: { in: [...ids] } } });
}

/** A page of products ordered by name (then id), after the (name, id) cursor. */
export function listCatalogProducts(db: PrismaClient, first: number, after: { name: string; id: string } | null): Promise<CatalogProductRow[]> {
  return db.catalogProduct.findMany({
    where: after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: first + 1,
  });
}
