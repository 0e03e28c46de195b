import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, UseMiddleware } from "type-graphql";
import { inputLimits } from "../../../graphql/limits.js";
import { ANY_ROLE, STAFF } from "../../../application/authorization.js";
import type { CommandOutcome } from "../../../application/command.js";
import { Consistency, CONSISTENCY_ARG } from "../../../graphql/common.js";
import type { RowSource } from "../../../graphql/module.js";
import { commandPayloads } from "../../../graphql/payloads.js";
import { readAfter, type Context } from "../../../graphql/context.js";
import { decodeCursor, encodeCursor, pageInfo, pageSize } from "../../../graphql/pagination.js";
import { PositionScalar } from "../../../graphql/scalars.js";
import * as commands from "../commands.js";
import { listCatalogProducts, PRODUCT_CATALOG, type CatalogProductRow } from "../projections/product-catalog.js";
import { AddProductInput, ChangeProductPriceInput, Product, ProductConnection, RenameProductInput } from "./types.js";

/** PRODUCT_CATALOG's rows as Product. */
export const productRows: RowSource<CatalogProductRow> = {
  type: () => Product,
  read: (context, id) => context.loaders.catalogProduct.clear(id).load(id),
};

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
  @Mutation(() => payloads.types.AddProductPayload, { nullable: true, description: "Adds a product; the new id is the result's streamId." })
  addProduct(
    @Arg("input", () => AddProductInput) input: AddProductInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.addProduct(context.services, context, input, consistency);
  }

  @Authorized(STAFF)
  @Mutation(() => payloads.types.RenameProductPayload, { nullable: true })
  renameProduct(
    @Arg("input", () => RenameProductInput) input: RenameProductInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.renameProduct(context.services, context, input, consistency);
  }

  @Authorized(STAFF)
  @Mutation(() => payloads.types.ChangeProductPricePayload, {
    nullable: true,
    description: "Orders already placed keep the price they captured.",
  })
  changeProductPrice(
    @Arg("input", () => ChangeProductPriceInput) input: ChangeProductPriceInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandOutcome> {
    return commands.changeProductPrice(context.services, context, input, consistency);
  }

  @Authorized(ANY_ROLE)
  @Query(() => Product, { nullable: true })
  async product(
    @Arg("id", () => ID) id: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Arg("minVersion", () => Int, { nullable: true }) minVersion: number | null,
    @Ctx() context: Context,
  ): Promise<CatalogProductRow | null> {
    const { services, loaders } = context;
    await readAfter(context, PRODUCT_CATALOG, minPosition);
    return services.consistency.requireVersion(PRODUCT_CATALOG, id, minVersion, () => loaders.catalogProduct.clear(id).load(id));
  }

  @Authorized(ANY_ROLE)
  @Query(() => ProductConnection, { description: "Products by name, a page at a time (first: 1 to 100, default 20)." })
  async products(
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Ctx() context: Context,
  ): Promise<ProductConnection> {
    const { services, loaders } = context;
    const size = pageSize(first);
    const cursor = decodeCursor(after, { name: "text", id: "text" });
    await readAfter(context, PRODUCT_CATALOG, minPosition);
    const rows = await listCatalogProducts(services.db.prisma, size, cursor);
    const page = rows.slice(0, size);
    for (const row of page) loaders.catalogProduct.prime(row.id, row);
    const edges = page.map((row) => ({ cursor: encodeCursor({ name: row.name, id: row.id }), node: row }));
    return { edges, pageInfo: pageInfo(edges, rows.length > size, after) };
  }
}
