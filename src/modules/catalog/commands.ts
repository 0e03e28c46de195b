/**
 * The catalog's commands (staff and admin): the products table is their write model, so a
 * taken SKU is refused in the transaction that would write it.
 */
import { STAFF } from "../../application/authorization.js";
import {
  defineCommand,
  runCommand,
  type Caller,
  type CommandFields,
  type CommandServices,
  type ConsistencyLevel,
} from "../../application/command.js";
import { newId } from "../../core/ids.js";
import { productDecider, type ProductCommand } from "./product.js";
import { productTable } from "./product-table.js";

export interface AddProductInput extends CommandFields {
  readonly sku: string;
  readonly name: string;
  readonly priceCents: number;
}

export interface RenameProductInput extends CommandFields {
  readonly productId: string;
  readonly name: string;
}

export interface ChangeProductPriceInput extends CommandFields {
  readonly productId: string;
  readonly priceCents: number;
}

function run(
  services: CommandServices,
  caller: Caller,
  input: CommandFields,
  command: ProductCommand,
  consistency?: ConsistencyLevel | null,
) {
  const streamId = command.data.productId;
  return runCommand(services, caller, {
    decider: productDecider,
    streamId,
    command,
    input,
    consistency,
    model: productTable(services.db.prisma),
  });
}

/** Adds a product; its id is the outcome's streamId. DUPLICATE when the SKU is taken. */
export const addProduct = defineCommand(STAFF, (services, caller, input: AddProductInput, consistency) => {
  const { sku, name, priceCents } = input;
  return run(services, caller, input, { type: "AddProduct", data: { productId: newId(), sku, name, priceCents } }, consistency);
});

export const renameProduct = defineCommand(STAFF, (services, caller, input: RenameProductInput, consistency) => {
  const { productId, name } = input;
  return run(services, caller, input, { type: "RenameProduct", data: { productId, name } }, consistency);
});

/** Orders already placed keep the price they captured. */
export const changeProductPrice = defineCommand(STAFF, (services, caller, input: ChangeProductPriceInput, consistency) => {
  const { productId, priceCents } = input;
  return run(services, caller, input, { type: "ChangeProductPrice", data: { productId, priceCents } }, consistency);
});
