/** Catalog: products and their prices, state-stored (CQRS without event sourcing); the PRODUCT_CATALOG read model. */
import type DataLoader from "dataloader";
import { ANY_ROLE } from "../../application/authorization.js";
import { byId } from "../../graphql/loaders.js";
import type { CatchupModule } from "../../graphql/module.js";
import { PRODUCT_STREAM } from "./product.js";
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
  readModels: [
    {
      projection: productCatalogProjection,
      streamType: PRODUCT_STREAM,
      description: "The products clients browse: product, products, and the product of order items, sales and payloads.",
      access: { roles: ANY_ROLE, rowIds: "product id" },
      row: productRows,
    },
  ],
  resolvers: [CatalogResolver, ...ProductPayloadResolvers],
  loaders: (sql) => ({ catalogProduct: byId((ids) => findCatalogProducts(sql, ids)) }),
};
