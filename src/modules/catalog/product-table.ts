/**
 * The catalog's state-stored write model: the `products` table is the truth for commands.
 * It is written in the transaction that appends the events (whose append has already
 * checked the version the command was decided on). SKUs are unique: a second product with
 * a taken SKU, also a concurrent one, is DUPLICATE.
 */
import type { WriteModel } from "../../core/command-pipeline.js";
import { ConcurrencyError, DuplicateError } from "../../core/errors.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { ProductEvent, ProductState } from "./product.js";

export function productTable(db: PrismaClient): WriteModel<ProductEvent, ProductState> {
  return {
    async load(productId) {
      const row = await db.product.findUnique({ where: { id: productId } });
      if (!row) return { state: { status: "none" }, version: 0, position: 0n };
      return {
        state: { status: "listed", productId: row.id, sku: row.sku, name: row.name, priceCents: row.priceCents },
        version: row.version,
        position: row.position,
      };
    },

    async persist(tx, { streamId, before, after, events, version, position }) {
      if (after.status !== "listed") return;
      const now = new Date();
      if (before.status === "none") {
        const inserted = await tx.$executeRawUnsafe(
          `INSERT INTO products (id, sku, name, price_cents, version, position, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (sku) DO NOTHING`,
          streamId,
          after.sku,
          after.name,
          after.priceCents,
          version,
          position,
          now,
        );
        if (inserted === 0) throw new DuplicateError(`sku ${after.sku} is already taken`, { field: "sku" });
        return;
      }
      const previous = version - events.length;
      const updated = await tx.$executeRawUnsafe(
        `UPDATE products SET name = $2, price_cents = $3, version = $4, position = $5, updated_at = $6
         WHERE id = $1 AND version = $7`,
        streamId,
        after.name,
        after.priceCents,
        version,
        position,
        now,
        previous,
      );
      if (updated === 0) throw new ConcurrencyError(streamId, previous);
    },
  };
}

export interface ProductSnapshot {
  id: string;
  name: string;
  priceCents: number;
}

/** Current names and prices from the write model (for orders, which capture prices). */
export async function loadProducts(db: PrismaClient, ids: readonly string[]): Promise<Map<string, ProductSnapshot>> {
  const rows = await db.product.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true, priceCents: true } });
  return new Map(rows.map((row) => [row.id, row]));
}
