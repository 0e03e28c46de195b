import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, UseMiddleware } from "type-graphql";
import { newId } from "../../../core/ids.js";
import { inputLimits } from "../../../graphql/limits.js";
import { ANY_ROLE, STAFF } from "../../../graphql/authorization.js";
import { CommandResult, Consistency, CONSISTENCY_ARG } from "../../../graphql/common.js";
import { executeCommand } from "../../../graphql/command.js";
import type { Context } from "../../../graphql/context.js";
import { decodeCursor, encodeCursor, pageInfo, pageSize } from "../../../graphql/pagination.js";
import { PositionScalar } from "../../../graphql/scalars.js";
import { productDecider, type ProductCommand } from "../product.js";
import { productTable } from "../product-table.js";
import { listCatalogProducts, PRODUCT_CATALOG, type CatalogProductRow } from "../projections/product-catalog.js";
import { AddProductInput, ChangeProductPriceInput, Product, ProductConnection, RenameProductInput } from "./types.js";


function run(context: Context, input: AddProductInput | RenameProductInput | ChangeProductPriceInput, streamId: string, command: ProductCommand, consistency: Consistency | null) {
  return executeCommand(context, productDecider, input, { streamId, command }, consistency, { model: productTable(context.app.db.prisma) });
}

@Resolver()
@UseMiddleware(inputLimits)
export class CatalogResolver {
  @Authorized(STAFF)
  @Mutation(() => CommandResult, { description: "Adds a product; the new id is the result's streamId." })
  addProduct(
    @Arg("input", () => AddProductInput) input: AddProductInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandResult> {
    const productId = newId();
    const { sku, name, priceCents } = input;
    return run(context, input, productId, { type: "AddProduct", data: { productId, sku, name, priceCents } }, consistency);
  }

  @Authorized(STAFF)
  @Mutation(() => CommandResult)
  renameProduct(
    @Arg("input", () => RenameProductInput) input: RenameProductInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandResult> {
    const { productId, name } = input;
    return run(context, input, productId, { type: "RenameProduct", data: { productId, name } }, consistency);
  }

  @Authorized(STAFF)
  @Mutation(() => CommandResult, { description: "Orders already placed keep the price they captured." })
  changeProductPrice(
    @Arg("input", () => ChangeProductPriceInput) input: ChangeProductPriceInput,
    @Arg("consistency", () => Consistency, CONSISTENCY_ARG) consistency: Consistency | null,
    @Ctx() context: Context,
  ): Promise<CommandResult> {
    const { productId, priceCents } = input;
    return run(context, input, productId, { type: "ChangeProductPrice", data: { productId, priceCents } }, consistency);
  }

  @Authorized(ANY_ROLE)
  @Query(() => Product, { nullable: true })
  async product(
    @Arg("id", () => ID) id: string,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Arg("minVersion", () => Int, { nullable: true }) minVersion: number | null,
    @Ctx() { app, loaders }: Context,
  ): Promise<CatalogProductRow | null> {
    await app.consistency.requirePosition(PRODUCT_CATALOG, minPosition);
    return app.consistency.requireVersion(PRODUCT_CATALOG, id, minVersion, () => loaders.catalogProduct.clear(id).load(id));
  }

  @Authorized(ANY_ROLE)
  @Query(() => ProductConnection, { description: "Products by name, a page at a time (first: 1 to 100, default 20)." })
  async products(
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("minPosition", () => PositionScalar, { nullable: true }) minPosition: bigint | null,
    @Ctx() { app, loaders }: Context,
  ): Promise<ProductConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor(after, { name: "text", id: "text" });
    await app.consistency.requirePosition(PRODUCT_CATALOG, minPosition);
    const rows = await listCatalogProducts(app.db.prisma, size, cursor);
    const page = rows.slice(0, size);
    for (const row of page) loaders.catalogProduct.prime(row.id, row);
    const edges = page.map((row) => ({ cursor: encodeCursor({ name: row.name, id: row.id }), node: row }));
    return { edges, pageInfo: pageInfo(edges, rows.length > size, after) };
  }
}
