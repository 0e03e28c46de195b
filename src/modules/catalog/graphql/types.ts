import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Node } from "../../../graphql/nodes.js";
import { CommandInput } from "../../../graphql/common.js";
import { ConnectionList, PageInfo } from "../../../graphql/pagination.js";
import { DateTimeScalar, PositionScalar } from "../../../graphql/scalars.js";
import { MAX_PRICE_CENTS } from "../product.js";

@ObjectType({ implements: Node, description: "A product, from the PRODUCT_CATALOG read model." })
export class Product implements Node {
  @Field(() => ID, { description: "The product's id (its stream id)." })
  id!: string;

  @Field(() => String, { description: "Stock-keeping unit: unique, upper-case, 1 to 64 ASCII letters, digits, '.', '_' or '-'." })
  sku!: string;

  @Field(() => String, { description: "The current name (1 to 200 characters)." })
  name!: string;

  @Field(() => Int, { description: `The current price of one unit, in cents: 1 to ${MAX_PRICE_CENTS}.` })
  priceCents!: number;

  @Field(() => DateTimeScalar, { description: "When the product was added." })
  addedAt!: Date;

  @Field(() => DateTimeScalar, { description: "When the last event this row reflects was recorded." })
  updatedAt!: Date;

  @Field(() => Int, { description: "The product stream's version this row reflects." })
  version!: number;

  @Field(() => PositionScalar, { description: "Global position of the last event this row reflects." })
  position!: bigint;
}

@ObjectType({ description: "One product of a ProductConnection page, with its cursor." })
export class ProductEdge {
  @Field(() => String, {
    description: "Opaque cursor of this product: pass it as `after` (or `before`) to read the products after (before) it.",
  })
  cursor!: string;

  @Field(() => Product, { description: "The product." })
  node!: Product;
}

@ObjectType({ description: "A page of products (a Relay connection)." })
export class ProductConnection {
  @ConnectionList()
  @Field(() => [ProductEdge], { description: "The page's products, each with its cursor: at most `first` (or `last`)." })
  edges!: ProductEdge[];

  @Field(() => PageInfo, { description: "Whether products precede or follow this page, and the cursors of its ends." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many products the list holds (with `search`: how many match), on every page." })
  totalCount!: number;
}

@InputType({ description: "Input of addProduct." })
export class AddProductInput extends CommandInput {
  @Field(() => String, {
    description:
      "1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit; trimmed and stored upper-case. Unique (DUPLICATE when taken).",
  })
  sku!: string;

  @Field(() => String, { description: "1 to 200 characters, trimmed." })
  name!: string;

  @Field(() => Int, { description: `Price of one unit, in cents: 1 to ${MAX_PRICE_CENTS} (BAD_USER_INPUT otherwise).` })
  priceCents!: number;
}

@InputType({ description: "Input of renameProduct." })
export class RenameProductInput extends CommandInput {
  @Field(() => ID, { description: "The product (NOT_FOUND if there is none)." })
  productId!: string;

  @Field(() => String, { description: "The new name: 1 to 200 characters, trimmed. The same name writes nothing." })
  name!: string;
}

@InputType({ description: "Input of changeProductPrice." })
export class ChangeProductPriceInput extends CommandInput {
  @Field(() => ID, { description: "The product (NOT_FOUND if there is none)." })
  productId!: string;

  @Field(() => Int, {
    description: `The new price of one unit, in cents: 1 to ${MAX_PRICE_CENTS} (BAD_USER_INPUT otherwise). The same price writes nothing.`,
  })
  priceCents!: number;
}
