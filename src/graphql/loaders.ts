/**
 * Per-request DataLoaders: every nested field that reads a read model by id goes through
 * one of these, so a page of N nodes costs one query per kind of row, not N. Each module
 * makes its own (CatchupModule.loaders) and declares their types here, by declaration
 * merging:
 *
 *   declare module "../../graphql/loaders.js" {
 *     interface Loaders { orderSummary: DataLoader<string, OrderSummaryRow | null> }
 *   }
 */
import DataLoader from "dataloader";
import type { KeysetPage, KeysetRequest } from "../core/projection-helpers/keyset.js";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the modules (see above)
export interface Loaders {}

/** A page of one parent's list (an account's ledger, a customer's accounts): a nested connection's read. */
export interface PageKey {
  parent: string;
  request: KeysetRequest;
}

/**
 * A loader of nested connections: every parent's page of one request in one batch, which
 * `load` answers with one statement per kind of page (see lateralPages).
 */
export function pagesOf<Row>(load: (keys: readonly PageKey[]) => Promise<KeysetPage<Row>[]>): DataLoader<PageKey, KeysetPage<Row>, string> {
  return new DataLoader(load, { cacheKeyFn: (key) => JSON.stringify(key) });
}

/** A loader of rows by id: one query for a batch of ids, null for an id without a row. */
export function byId<Row extends { id: string }>(load: (ids: readonly string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}
