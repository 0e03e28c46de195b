/**
 * The catalog's commands (staff and admin): the products table is their write model, so a
 * taken SKU is refused in the transaction that would write it.
 */
import { requireRole, STAFF } from "../../application/authorization.js";
import {
  runCommand,
  type Caller,
  type CommandFields,
  type CommandOutcome,
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

async function run(
  services: CommandServices,
  caller: Caller,
  input: CommandFields,
  command: ProductCommand,
  consistency: ConsistencyLevel | null | undefined,
) {
  requireRole(caller, STAFF);
  return runCommand(services, caller, productDecider, input, { streamId: command.data.productId, command }, consistency, {
    model: productTable(services.db.prisma),
  });
}

/** Adds a product; its id is the outcome's streamId. DUPLICATE when the SKU is taken. */
export async function addProduct(
  services: CommandServices,
  caller: Caller,
  input: AddProductInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const { sku, name, priceCents } = input;
  return run(services, caller, input, { type: "AddProduct", data: { productId: newId(), sku, name, priceCents } }, consistency);
}

export async function renameProduct(
  services: CommandServices,
  caller: Caller,
  input: RenameProductInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const { productId, name } = input;
  return run(services, caller, input, { type: "RenameProduct", data: { productId, name } }, consistency);
}

/** Orders already placed keep the price they captured. */
export async function changeProductPrice(
  services: CommandServices,
  caller: Caller,
  input: ChangeProductPriceInput,
  consistency?: ConsistencyLevel | null,
): Promise<CommandOutcome> {
  const { productId, priceCents } = input;
  return run(services, caller, input, { type: "ChangeProductPrice", data: { productId, priceCents } }, consistency);
}
