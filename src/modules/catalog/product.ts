/**
 * Catalog: products with a SKU, a name and a price. The catalog is Catchup's example of
 * CQRS without event sourcing: its write model is the `products` table (./product-table.ts);
 * the same transaction records the events, so projections treat it like any other module.
 */
import { unreachable, type Command, type DecideContext, type Decider } from "../../core/decider.js";
import { InvalidStateError, NotFoundError, ValidationError } from "../../core/errors.js";
import type { DomainEvent } from "../../core/events.js";
import { requireInteger, requireText } from "../../core/validation.js";

export const PRODUCT_STREAM = "Product";

/** Highest price of one unit, in cents (one million). */
export const MAX_PRICE_CENTS = 100_000_000;

// Events ---------------------------------------------------------------------

export type ProductAdded = DomainEvent<"ProductAdded", { productId: string; sku: string; name: string; priceCents: number }>;
export type ProductRenamed = DomainEvent<"ProductRenamed", { productId: string; name: string; previousName: string }>;
export type ProductPriceChanged = DomainEvent<"ProductPriceChanged", { productId: string; priceCents: number; previousPriceCents: number }>;
export type ProductEvent = ProductAdded | ProductRenamed | ProductPriceChanged;

export const PRODUCT_EVENT_TYPES = [
  "ProductAdded",
  "ProductRenamed",
  "ProductPriceChanged",
] as const satisfies readonly ProductEvent["type"][];

// State ----------------------------------------------------------------------

export type ProductState = { status: "none" } | { status: "listed"; productId: string; sku: string; name: string; priceCents: number };

export function evolve(state: ProductState, event: ProductEvent): ProductState {
  switch (event.type) {
    case "ProductAdded":
      return { status: "listed", ...event.data };
    case "ProductRenamed":
      return state.status === "listed" ? { ...state, name: event.data.name } : state;
    case "ProductPriceChanged":
      return state.status === "listed" ? { ...state, priceCents: event.data.priceCents } : state;
    default:
      return unreachable(event);
  }
}

// Commands -------------------------------------------------------------------

export type AddProduct = Command<"AddProduct", { productId: string; sku: string; name: string; priceCents: number }>;
export type RenameProduct = Command<"RenameProduct", { productId: string; name: string }>;
export type ChangeProductPrice = Command<"ChangeProductPrice", { productId: string; priceCents: number }>;
export type ProductCommand = AddProduct | RenameProduct | ChangeProductPrice;

const SKU = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;

export function decide(command: ProductCommand, state: ProductState, _context: DecideContext): ProductEvent[] {
  switch (command.type) {
    case "AddProduct": {
      const { productId } = command.data;
      if (state.status !== "none") throw new InvalidStateError(`product ${productId} already exists`);
      const sku = command.data.sku.trim().toUpperCase();
      if (!SKU.test(sku)) throw new ValidationError("sku must be 1 to 64 letters, digits, '.', '_' or '-'", { field: "sku" });
      const name = requireText(command.data.name, "name", 200);
      const priceCents = requireInteger(command.data.priceCents, "priceCents", 1, MAX_PRICE_CENTS);
      return [{ type: "ProductAdded", data: { productId, sku, name, priceCents } }];
    }
    case "RenameProduct": {
      const name = requireText(command.data.name, "name", 200);
      const product = requireListed(state, command.data.productId);
      if (name === product.name) return [];
      return [{ type: "ProductRenamed", data: { productId: product.productId, name, previousName: product.name } }];
    }
    case "ChangeProductPrice": {
      const priceCents = requireInteger(command.data.priceCents, "priceCents", 1, MAX_PRICE_CENTS);
      const product = requireListed(state, command.data.productId);
      if (priceCents === product.priceCents) return [];
      return [{ type: "ProductPriceChanged", data: { productId: product.productId, priceCents, previousPriceCents: product.priceCents } }];
    }
    default:
      return unreachable(command);
  }
}

function requireListed(state: ProductState, productId: string): Extract<ProductState, { status: "listed" }> {
  if (state.status !== "listed") throw new NotFoundError(`product ${productId} does not exist`);
  return state;
}

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  streamType: PRODUCT_STREAM,
  initialState: { status: "none" },
  evolve,
  decide,
};
