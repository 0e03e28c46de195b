/**
 * ORDER_SUMMARY: one row per order with everything its page shows copied in — customer
 * name and email, lines with product names, item count, total, status and dates. It keeps
 * its own copy of customer and product names (from their events), so it never reads another
 * projection: a customer's email change rewrites that customer's rows, a product rename the
 * rows that list the product.
 */
import { displayName, FORGOTTEN } from "../../customers/customer.js";
import type { LoggedEvent } from "../../../core/events.js";
import type { Sql } from "../../../core/database/database.js";
import { unreachable } from "../../../core/decider.js";
import { tableRows } from "../../../core/projection-helpers/batch-rows.js";
import { ChangeLog, continuedStreams } from "../../../core/projection-helpers/batch.js";
import { selectRows } from "../../../core/projection-helpers/table-reads.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
import { defineProjection } from "../../../core/projection.js";
import { lastNameChanges, NAME_EVENT_TYPES, nameCopies, nameTables, type NamedOrderEvent } from "./name-copies.js";
import { addLine, ORDER_EVENT_TYPES, totalCents, type OrderEvent, type OrderLine } from "../order.js";

export const ORDER_SUMMARY = "ORDER_SUMMARY";

export type OrderStatus = "CREATED" | "SHIPPED" | "CANCELLED";

type Event = NamedOrderEvent;

export const SUMMARY: TableSpec<OrderSummaryRow> = {
  table: "order_summaries",
  key: ["id"],
  columns: {
    id: ["id", "text"],
    customerId: ["customer_id", "text"],
    customerName: ["customer_name", "text"],
    customerEmail: ["customer_email", "text"],
    items: ["items", "jsonb"],
    itemCount: ["item_count", "integer"],
    productNames: ["product_names", "text[]"],
    totalCents: ["total_cents", "integer"],
    status: ["status", "text"],
    carrier: ["carrier", "text"],
    trackingNumber: ["tracking_number", "text"],
    cancelReason: ["cancel_reason", "text"],
    createdAt: ["created_at", "timestamptz"],
    shippedAt: ["shipped_at", "timestamptz"],
    cancelledAt: ["cancelled_at", "timestamptz"],
    updatedAt: ["updated_at", "timestamptz"],
    version: ["version", "integer"],
    position: ["position", "bigint"],
  },
};

export const orderSummaryProjection = defineProjection<Event>()({
  name: ORDER_SUMMARY,
  eventTypes: [...ORDER_EVENT_TYPES, ...NAME_EVENT_TYPES],
  tables: ["order_summaries", ...nameTables("order_summary")],

  async apply(events, tx) {
    const log = new ChangeLog();
    const orders = tableRows<OrderSummaryRow>(tx, SUMMARY, "id");
    await orders.preload(
      continuedStreams(
        events.filter((event) => event.streamType === "Order"),
        "OrderCreated",
      ),
    );
    const { customers, products } = await nameCopies(tx, "order_summary", events);
    const isLast = lastNameChanges(events);

    /** A change to the orders of a customer or of a product, by one statement (BatchRows.rewrite). */
    const rewrite = async (
      event: LoggedEvent<Event>,
      statement: string,
      value: string,
      touches: (row: OrderSummaryRow) => boolean,
      patch: (row: OrderSummaryRow) => Partial<OrderSummaryRow>,
    ) => {
      const rows = await orders.rewrite(
        () => tx.query<{ id: string; version: number }>(statement, [event.streamId, value, event.position, event.recordedAt]),
        touches,
        (row) => ({ ...row, ...patch(row), position: event.position, updatedAt: event.recordedAt }),
      );
      for (const row of rows) log.add(row.id, row.version, event.position);
    };

    /** Lines with product names as this projection knows them now (a rename may have come first). */
    const named = (items: readonly OrderLine[]) =>
      items.map((item) => ({ ...item, productName: products.get(item.productId)?.name ?? item.productName }));

    for (const event of events) {
      const stamp = { version: event.version, position: event.position, updatedAt: event.recordedAt };
      switch (event.type) {
        case "CustomerRegistered":
          customers.create({ id: event.streamId, name: displayName(event.data), email: event.data.email });
          break;
        case "CustomerForgotten":
          customers.set({ id: event.streamId, name: FORGOTTEN, email: FORGOTTEN });
          await rewrite(
            event,
            `UPDATE order_summaries SET customer_name = $2, customer_email = $2, position = $3, updated_at = $4
             WHERE customer_id = $1 RETURNING id, version`,
            FORGOTTEN,
            (row) => row.customerId === event.streamId,
            () => ({ customerName: FORGOTTEN, customerEmail: FORGOTTEN }),
          );
          break;
        case "CustomerEmailChanged": {
          const customer = customers.require(event.streamId, "CustomerEmailChanged");
          customers.set({ ...customer, email: event.data.email });
          if (!isLast(event)) break;
          await rewrite(
            event,
            `UPDATE order_summaries SET customer_email = $2, position = $3, updated_at = $4
             WHERE customer_id = $1 RETURNING id, version`,
            event.data.email,
            (row) => row.customerId === event.streamId,
            () => ({ customerEmail: event.data.email }),
          );
          break;
        }
        case "ProductAdded":
          products.create({ id: event.streamId, name: event.data.name });
          break;
        case "ProductRenamed": {
          products.set({ id: event.streamId, name: event.data.name });
          if (!isLast(event)) break;
          await rewrite(
            event,
            `UPDATE order_summaries o
             SET items = renamed.items,
                 product_names = ARRAY(SELECT e ->> 'productName' FROM jsonb_array_elements(renamed.items) AS e),
                 position = $3, updated_at = $4
             FROM (
               SELECT s.id, jsonb_agg(
                        CASE WHEN e ->> 'productId' = $1 THEN jsonb_set(e, '{productName}', to_jsonb($2::text)) ELSE e END
                        ORDER BY ord) AS items
               FROM order_summaries s, jsonb_array_elements(s.items) WITH ORDINALITY AS t(e, ord)
               WHERE s.items @> jsonb_build_array(jsonb_build_object('productId', $1::text))
               GROUP BY s.id
             ) AS renamed
             WHERE o.id = renamed.id
             RETURNING o.id, o.version`,
            event.data.name,
            (row) => row.items.some((item) => item.productId === event.streamId),
            (row) => lineFields(named(row.items)),
          );
          break;
        }
        case "OrderCreated": {
          const customer = customers.require(event.data.customerId, `OrderCreated ${event.streamId} at ${event.position}: customer`);
          orders.create({
            id: event.streamId,
            customerId: event.data.customerId,
            customerName: customer.name,
            customerEmail: customer.email,
            ...lineFields(named(event.data.items)),
            status: "CREATED",
            carrier: null,
            trackingNumber: null,
            cancelReason: null,
            createdAt: event.recordedAt,
            shippedAt: null,
            cancelledAt: null,
            ...stamp,
          });
          log.add(event.streamId, event.version, event.position);
          break;
        }
        case "OrderItemAdded":
        case "OrderItemRemoved":
        case "OrderShipped":
        case "OrderCancelled": {
          const row = orders.require(event.streamId, `${event.type} at ${event.position}: order`);
          orders.set({ ...row, ...orderChange(row, event, named), ...stamp });
          log.add(event.streamId, event.version, event.position);
          break;
        }
        default:
          unreachable(event);
      }
    }
    await orders.flush();
    await customers.flush();
    await products.flush();
    return log.changes;
  },
});

type Named = (items: readonly OrderLine[]) => OrderLine[];

/** The fields an order event changes on an existing summary row. */
function orderChange(
  row: OrderSummaryRow,
  event: LoggedEvent<Exclude<OrderEvent, { type: "OrderCreated" }>>,
  named: Named,
): Partial<OrderSummaryRow> {
  switch (event.type) {
    case "OrderItemAdded": {
      const { orderId: _, ...line } = event.data;
      return lineFields(named(addLine(row.items, line)));
    }
    case "OrderItemRemoved":
      return lineFields(row.items.filter((item) => item.productId !== event.data.productId));
    case "OrderShipped":
      return {
        status: "SHIPPED",
        shippedAt: new Date(event.data.shippedAt),
        carrier: event.data.carrier,
        trackingNumber: event.data.trackingNumber,
      };
    case "OrderCancelled":
      return { status: "CANCELLED", cancelledAt: new Date(event.data.cancelledAt), cancelReason: event.data.reason };
    default:
      return unreachable(event);
  }
}

function lineFields(items: readonly OrderLine[]) {
  return {
    items: items.map((item) => ({ ...item })),
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    productNames: items.map((item) => item.productName),
    totalCents: totalCents(items),
  };
}

export interface OrderSummaryRow {
  id: string;
  customerId: string;
  customerName: string;
  customerEmail: string;
  items: OrderLine[];
  itemCount: number;
  productNames: string[];
  totalCents: number;
  status: OrderStatus;
  carrier: string | null;
  trackingNumber: string | null;
  cancelReason: string | null;
  createdAt: Date;
  shippedAt: Date | null;
  cancelledAt: Date | null;
  updatedAt: Date;
  version: number;
  position: bigint;
}

export function findOrderSummaries(sql: Sql, ids: readonly string[]): Promise<OrderSummaryRow[]> {
  return selectRows(sql, SUMMARY, "id = ANY($1::text[])", [ids]);
}
