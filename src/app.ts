/**
 * The composition root: one database, one event store, one notifier, the projections, and
 * the command pipeline, wired together. The HTTP/WebSocket server (server.ts) serves an App.
 */
import type { Config } from "./config.js";
import type { PipelineDeps } from "./core/command-pipeline.js";
import { Consistency } from "./core/consistency.js";
import { openDatabase, type Database, type DatabaseOptions } from "./core/database/database.js";
import { EventStore } from "./core/event-store.js";
import { Notifier } from "./core/notifier.js";
import type { Projection } from "./core/projection.js";
import { Projector, type ProjectorOptions } from "./core/projector.js";
import { accountBalanceProjection } from "./modules/accounts/projections/account-balance.js";
import { productCatalogProjection } from "./modules/catalog/projections/product-catalog.js";
import { customerProfileProjection } from "./modules/customers/projections/customer-profile.js";
import { customerOrdersProjection } from "./modules/orders/projections/customer-orders.js";
import { orderAnalyticsProjection } from "./modules/orders/projections/order-analytics.js";
import { orderSummaryProjection } from "./modules/orders/projections/order-summary.js";
import { shippingDashboardProjection } from "./modules/orders/projections/shipping-dashboard.js";

/** Every read model, each run by its own runner with its own checkpoint. */
export const PROJECTIONS: readonly Projection[] = [
  orderSummaryProjection,
  customerOrdersProjection,
  shippingDashboardProjection,
  orderAnalyticsProjection,
  accountBalanceProjection,
  customerProfileProjection,
  productCatalogProjection,
];

export interface App {
  readonly db: Database;
  readonly store: EventStore;
  readonly notifier: Notifier;
  readonly consistency: Consistency;
  readonly projector: Projector;
  readonly pipeline: PipelineDeps;
  readonly debugErrors: boolean;
  close(): Promise<void>;
}

export interface AppOptions {
  database: DatabaseOptions;
  consistencyTimeoutMs?: number;
  debugErrors?: boolean;
  projector?: ProjectorOptions;
  /** Start projections right away (default true). */
  startProjections?: boolean;
}

export function databaseOptions(config: Config): DatabaseOptions {
  return config.databaseUrl
    ? { kind: "postgres", url: config.databaseUrl, poolSize: config.poolSize }
    : { kind: "pglite", dataDir: config.dataDir };
}

export async function createApp(options: AppOptions): Promise<App> {
  const db = await openDatabase(options.database);
  const store = new EventStore(db.prisma, db.sql);
  const notifier = new Notifier();
  const projector = new Projector(db, store, notifier, PROJECTIONS, options.projector);
  const app: App = {
    db,
    store,
    notifier,
    consistency: new Consistency(notifier, options.consistencyTimeoutMs ?? 5000),
    projector,
    pipeline: { db: db.prisma, store, clock: () => new Date(), onAppended: () => projector.watcher.poke() },
    debugErrors: options.debugErrors ?? false,
    async close() {
      await projector.stop();
      await db.close();
    },
  };
  if (options.startProjections ?? true) {
    try {
      await projector.start();
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return app;
}
