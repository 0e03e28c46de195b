/** Catalog: products and their prices, state-stored (CQRS without event sourcing); the PRODUCT_CATALOG read model. */
import type DataLoader from "dataloader";
import { ANY_ROLE } from "../../application/authorization.js";
import { byId } from "../../graphql/loaders.js";
import type { CatchupModule } from "../../graphql/module.js";
import * as commands from "./commands.js";
import { CatalogResolver, ProductPayloadResolvers, productRows } from "./graphql/resolver.js";
import { findCatalogProducts, productCatalogProjection, type CatalogProductRow } from "./projections/product-catalog.js";

declare module "../../graphql/loaders.js" {
  interface Loaders {
    catalogProduct: DataLoader<string, CatalogProductRow | null>;
  }
}

export const catalogModule: CatchupModule = {
  name: "catalog",
  commands,
  readModels: [{ projection: productCatalogProjection, access: { roles: ANY_ROLE, rowIds: "product id" }, row: productRows }],
  resolvers: [CatalogResolver, ...ProductPayloadResolvers],
  loaders: (sql) => ({ catalogProduct: byId((ids) => findCatalogProducts(sql, ids)) }),
};
