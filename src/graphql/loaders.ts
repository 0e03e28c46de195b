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

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the modules (see above)
export interface Loaders {}

/** A loader of rows by id: one query for a batch of ids, null for an id without a row. */
export function byId<Row extends { id: string }>(load: (ids: readonly string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}
