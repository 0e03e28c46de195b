import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { CommandInput } from "../../../graphql/common.js";
import { PagedBy } from "../../../graphql/list-size.js";
import { DEFAULT_PAGE_SIZE, PageInfo } from "../../../graphql/pagination.js";
import { DateTimeScalar, PositionScalar } from "../../../graphql/scalars.js";

@ObjectType({ description: "A product, from the PRODUCT_CATALOG read model." })
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  sku!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  priceCents!: number;

  @Field(() => DateTimeScalar)
  addedAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;

  @Field(() => PositionScalar)
  position!: bigint;
}

@ObjectType()
export class ProductEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Product)
  node!: Product;
}

@ObjectType({ description: "Products ordered by name." })
export class ProductConnection {
  @PagedBy("first", DEFAULT_PAGE_SIZE)
  @Field(() => [ProductEdge])
  edges!: ProductEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class AddProductInput extends CommandInput {
  @Field(() => String, { description: "Unique (DUPLICATE when taken); stored upper-case." })
  sku!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  priceCents!: number;
}

@InputType()
export class RenameProductInput extends CommandInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => String)
  name!: string;
}

@InputType()
export class ChangeProductPriceInput extends CommandInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  priceCents!: number;
}
