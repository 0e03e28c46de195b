/**
 * Every module the application serves: the one list the composition root takes (../app.ts).
 * Its order is the order projections run and are listed in.
 */
import type { CatchupModule } from "../graphql/module.js";
import { accountsModule } from "./accounts/index.js";
import { catalogModule } from "./catalog/index.js";
import { customersModule } from "./customers/index.js";
import { ordersModule } from "./orders/index.js";

export const MODULES: readonly CatchupModule[] = [ordersModule, accountsModule, customersModule, catalogModule];
