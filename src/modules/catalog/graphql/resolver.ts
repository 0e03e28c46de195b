import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Authorized, Ctx, ID, Info, Int, Mutation, Query, Resolver, UseMiddleware } from "type-graphql";
import { inputLimits } from "../../../graphql/limits.js";
import { ANY_ROLE, STAFF } from "../../../application/authorization.js";
import type { CommandOutcome } from "../../../application/command.js";
import { Consistency, CONSISTENCY_ARG } from "../../../graphql/common.js";
import type { RowSource } from "../../../graphql/module.js";
import { commandPayloads } from "../../../graphql/payloads.js";
import { readAfter, type Context } from "../../../graphql/context.js";
import { connectionOf, counts, keysetRequest, listScope, PageArgs, pageRequest, type Decoded } from "../../../graphql/pagination.js";
import { minPositionDescription, minVersionDescription } from "../../../graphql/descriptions.js";
import { PositionScalar } from "../../../graphql/scalars.js";
import { REFUSED_SEARCHES, SEARCH_SYNTAX } from "../../../core/projection-helpers/text-search.js";
import * as commands from "../commands.js";
import { findProductBySku, PRODUCT_CATALOG, productListPage, type CatalogProductRow } from "../projections/product-catalog.js";
import { AddProductInput, ChangeProductPriceInput, Product, ProductConnection, RenameProductInput } from "./types.js";

/** PRODUCT_CATALOG's rows as Product. */
export const productRows: RowSource<CatalogProductRow> = {
  type: () => Product,
  read: (context, id) => context.loaders.catalogProduct.clear(id).load(id),
};

/** Cursor shapes: by name, and best match first. */
const BY_NAME = { name: "text", id: "text" } as const;
const BEST_MATCH = { rank: "real", name: "text", id: "text" } as const;

/** The payloads of this module's mutations: each adds the product it changed. */
const payloads = commandPayloads(["AddProductPayload", "RenameProductPayload", "ChangeProductPricePayload"], {
  field: "product",
  projection: PRODUCT_CATALOG,
  rows: productRows,
});
export const ProductPayloadResolvers = payloads.resolvers;

@Resolver()
@UseMiddleware(inputLimits)
export class CatalogResolver {
  @Authorized(STAFF)
  @Mutation(() => payloads.types.AddProductPayload, {
    nullable: true,
    description: "Adds a product to the catalog; the new id is the result's streamId. DUPLICATE when the SKU is taken.",
  })
  addProduct(
    @Arg("input", () => AddProductInput, { description: "The product's SKU, name and price." }) input: AddProductInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.addProduct(context.services, context, input, consistency);
  }

  @Authorized(STAFF)
  @Mutation(() => payloads.types.RenameProductPayload, {
    nullable: true,
    description: "Renames a product. Orders show the new name too (their productName follows renames).",
  })
  renameProduct(
    @Arg("input", () => RenameProductInput, { description: "The product and its new name." }) input: RenameProductInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.renameProduct(context.services, context, input, consistency);
  }

  @Authorized(STAFF)
  @Mutation(() => payloads.types.ChangeProductPricePayload, {
    nullable: true,
    description: "Changes a product's price for orders to come. Orders already placed keep the price they captured.",
  })
  changeProductPrice(
    @Arg("input", () => ChangeProductPriceInput, { description: "The product and its new price." }) input: ChangeProductPriceInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.changeProductPrice(context.services, context, input, consistency);
  }

  @Authorized(ANY_ROLE)
  @Query(() => Product, { nullable: true, description: "A product from PRODUCT_CATALOG; null when there is none." })
  async product(
    @Arg("id", () => ID, { description: "The product's id." }) id: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(PRODUCT_CATALOG) })
    minPosition: bigint | null,
    @Arg("minVersion", () => Int, { nullable: true, description: minVersionDescription("product") }) minVersion: number | null,
    @Ctx() context: Context,
  ): Promise<CatalogProductRow | null> {
    const { services, loaders } = context;
    await readAfter(context, PRODUCT_CATALOG, minPosition);
    return services.consistency.requireVersion(PRODUCT_CATALOG, id, minVersion, () => loaders.catalogProduct.clear(id).load(id));
  }

  @Authorized(ANY_ROLE)
  @Query(() => Product, {
    nullable: true,
    description: "The product of a SKU (PRODUCT_CATALOG), compared case-insensitively; null when none.",
  })
  async productBySku(
    @Arg("sku", () => String, { description: "The product's SKU (1 to 64 letters, digits, '.', '_' or '-')." }) sku: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(PRODUCT_CATALOG) })
    minPosition: bigint | null,
    @Ctx() context: Context,
  ): Promise<CatalogProductRow | null> {
    await readAfter(context, PRODUCT_CATALOG, minPosition);
    const row = await findProductBySku(context.services.db.sql, sku);
    if (row) context.loaders.catalogProduct.prime(row.id, row);
    return row;
  }

  @Authorized(ANY_ROLE)
  @Query(() => ProductConnection, { description: "Products by name (PRODUCT_CATALOG); with `search`, best match first." })
  async products(
    @Arg("search", () => String, {
      nullable: true,
      description:
        `Full-text search over SKUs and names: ${SEARCH_SYNTAX} A match in the SKU ranks above one ` +
        `in the name. No words: no products; ${REFUSED_SEARCHES}: BAD_USER_INPUT.`,
    })
    search: string | null,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Arg("minPosition", () => PositionScalar, { nullable: true, description: minPositionDescription(PRODUCT_CATALOG) })
    minPosition: bigint | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProductConnection> {
    const { services, loaders } = context;
    const shape = search == null ? BY_NAME : BEST_MATCH;
    const scope = listScope("products", search ?? null);
    const page = pageRequest(pageArgs, shape, scope);
    await readAfter(context, PRODUCT_CATALOG, minPosition);
    const rows = await productListPage(services.db.sql, search ?? null, keysetRequest(page, shape), counts(info));
    const nodes = await loaders.catalogProduct.loadMany(rows.rows.map((row) => row.id));
    const byId = new Map(nodes.flatMap((node) => (node && !(node instanceof Error) ? [[node.id, node]] : [])));
    return connectionOf(
      rows,
      shape,
      scope,
      (row) => row as Decoded<typeof shape>,
      (row) => byId.get(row.id) ?? null,
    );
  }
}
