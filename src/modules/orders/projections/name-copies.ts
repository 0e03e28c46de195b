/**
 * The customer names and emails and the product names a view of orders copies into its rows,
 * each view keeping its own copy (two small tables, `<prefix>_customers` and
 * `<prefix>_products`) from the customers' and products' events, so that it never reads
 * another projection. ORDER_SUMMARY and ORDER_SEARCH share this. A forgotten customer's
 * copies (and the rows they went into) read FORGOTTEN.
 */
import type { LoggedEvent } from "../../../core/events.js";
import { tableRows, type BatchRows } from "../../../core/projection-helpers/batch-rows.js";
import type { ProjectionTx } from "../../../core/projection.js";
import type { ProductEvent } from "../../catalog/product.js";
import type { CustomerEvent } from "../../customers/customer.js";
import type { OrderEvent } from "../order.js";

/** What a view of orders with copied names reads: its orders, and the events of the names it copies. */
export type NamedOrderEvent =
  | OrderEvent
  | Extract<CustomerEvent, { type: "CustomerRegistered" | "CustomerEmailChanged" | "CustomerForgotten" }>
  | Extract<ProductEvent, { type: "ProductAdded" | "ProductRenamed" }>;

/** The event types of the names it copies (beside ORDER_EVENT_TYPES). */
export const NAME_EVENT_TYPES = [
  "CustomerRegistered",
  "CustomerEmailChanged",
  "CustomerForgotten",
  "ProductAdded",
  "ProductRenamed",
] as const;

export interface CustomerName {
  id: string;
  name: string;
  email: string;
}
export interface ProductName {
  id: string;
  name: string;
}

/** The copies' tables of a view, for its `tables` list. */
export const nameTables = (prefix: string) => [`${prefix}_customers`, `${prefix}_products`];

/**
 * The view's copies of the names a batch needs, loaded: the customers of new orders and of
 * customer events, the products of new lines (a rename may have come after the command read
 * the name) and of product events.
 */
export async function nameCopies(
  tx: ProjectionTx,
  prefix: string,
  events: readonly LoggedEvent<NamedOrderEvent>[],
): Promise<{ customers: BatchRows<CustomerName>; products: BatchRows<ProductName> }> {
  const [customerTable, productTable] = nameTables(prefix) as [string, string];
  const customers = tableRows<CustomerName>(
    tx,
    { table: customerTable, key: ["id"], columns: { id: ["id", "text"], name: ["name", "text"], email: ["email", "text"] } },
    "id",
  );
  const products = tableRows<ProductName>(
    tx,
    { table: productTable, key: ["id"], columns: { id: ["id", "text"], name: ["name", "text"] } },
    "id",
  );
  await customers.preload(
    events.flatMap((event) =>
      event.type === "OrderCreated" ? [event.data.customerId] : event.streamType === "Customer" ? [event.streamId] : [],
    ),
  );
  await products.preload(
    events.flatMap((event) =>
      event.type === "OrderCreated"
        ? event.data.items.map((item) => item.productId)
        : event.type === "OrderItemAdded"
          ? [event.data.productId]
          : event.streamType === "Product"
            ? [event.streamId]
            : [],
    ),
  );
  return { customers, products };
}

/**
 * Whether an email change (a rename) is the last of its customer (product) in the batch:
 * only that one rewrites the view's rows. They end the same, and a customer who changes its
 * email a hundred times does not rewrite its orders a hundred times once the view lags behind.
 */
export function lastNameChanges(events: readonly LoggedEvent<NamedOrderEvent>[]): (event: LoggedEvent<NamedOrderEvent>) => boolean {
  const last = new Map<string, bigint>();
  for (const event of events)
    if (event.type === "CustomerEmailChanged" || event.type === "ProductRenamed") last.set(event.streamId, event.position);
  return (event) => last.get(event.streamId) === event.position;
}
