import { describe, expect, it } from "vitest";
import { deciderSpec, NOW } from "../../../test/support/decider-spec.js";
import { fold } from "../../core/decider.js";
import { MAX_ORDER_LINES, MAX_QUANTITY, orderDecider, type OrderCommand, type OrderEvent } from "./order.js";

const products = new Map([
  ["mug", { name: "Mug", priceCents: 1200 }],
  ["tea", { name: "Tea", priceCents: 450 }],
]);
const given = deciderSpec(orderDecider, { customerExists: true, products });
const orderId = "order-1";

const created: OrderEvent = {
  type: "OrderCreated",
  data: { orderId, customerId: "cust-1", items: [{ productId: "mug", productName: "Mug", quantity: 2, unitPriceCents: 1200 }] },
};
const shipped: OrderEvent = { type: "OrderShipped", data: { orderId, carrier: "DHL", trackingNumber: "T1", shippedAt: NOW.toISOString() } };
const cancelled: OrderEvent = { type: "OrderCancelled", data: { orderId, reason: "changed mind", cancelledAt: NOW.toISOString() } };
const mugRemoved: OrderEvent = { type: "OrderItemRemoved", data: { orderId, productId: "mug" } };

const create = (items: { productId: string; quantity: number }[]): OrderCommand => ({
  type: "CreateOrder",
  data: { orderId, customerId: "cust-1", items },
});
const add = (productId: string, quantity: number): OrderCommand => ({ type: "AddOrderItem", data: { orderId, productId, quantity } });
const ship: OrderCommand = { type: "ShipOrder", data: { orderId, carrier: "DHL", trackingNumber: "T1" } };
const cancel: OrderCommand = { type: "CancelOrder", data: { orderId, reason: "changed mind" } };

describe("CreateOrder", () => {
  it("creates an order capturing product names and unit prices", () =>
    given()
      .when(create([{ productId: "mug", quantity: 2 }]))
      .then([created]));
  it("needs an existing customer", () =>
    given()
      .when(create([{ productId: "mug", quantity: 1 }]), { customerExists: false })
      .thenFails("NOT_FOUND", /customer cust-1/));
  it("needs existing products", () =>
    given()
      .when(create([{ productId: "ghost", quantity: 1 }]))
      .thenFails("NOT_FOUND", /product ghost/));
  it("needs at least one item, each product once, positive integer quantities", () => {
    given()
      .when(create([]))
      .thenFails("BAD_USER_INPUT", /at least one item/);
    given()
      .when(
        create([
          { productId: "mug", quantity: 1 },
          { productId: "mug", quantity: 1 },
        ]),
      )
      .thenFails("BAD_USER_INPUT", /once/);
    given()
      .when(create([{ productId: "mug", quantity: 0 }]))
      .thenFails("BAD_USER_INPUT", /quantity/);
    given()
      .when(create([{ productId: "mug", quantity: 1.5 }]))
      .thenFails("BAD_USER_INPUT", /quantity/);
    given()
      .when(create([{ productId: "mug", quantity: MAX_QUANTITY + 1 }]))
      .thenFails("BAD_USER_INPUT", /quantity/);
  });
  it("limits the number of lines and the total", () => {
    const many = new Map(Array.from({ length: MAX_ORDER_LINES + 1 }, (_, i) => [`p${i}`, { name: `P${i}`, priceCents: 1 }]));
    given()
      .when(create([...many.keys()].map((productId) => ({ productId, quantity: 1 }))), { products: many })
      .thenFails("BAD_USER_INPUT", /at most 100 items/);
    const pricey = new Map([["gold", { name: "Gold", priceCents: 100_000_000 }]]);
    given()
      .when(create([{ productId: "gold", quantity: 100 }]), { products: pricey })
      .thenFails("BAD_USER_INPUT", /total/);
  });
  it("refuses to create an existing order", () =>
    given(created)
      .when(create([{ productId: "tea", quantity: 1 }]))
      .thenFails("INVALID_STATE"));
});

describe("AddOrderItem", () => {
  it("adds a new line at the current price", () =>
    given(created)
      .when(add("tea", 3))
      .then([{ type: "OrderItemAdded", data: { orderId, productId: "tea", productName: "Tea", quantity: 3, unitPriceCents: 450 } }]));
  it("adds to an existing line at the price it captured", () =>
    given(created)
      .when(add("mug", 1), { products: new Map([["mug", { name: "Mug", priceCents: 9999 }]]) })
      .then([{ type: "OrderItemAdded", data: { orderId, productId: "mug", productName: "Mug", quantity: 1, unitPriceCents: 1200 } }]));
  it("refuses items for a shipped or cancelled order", () => {
    given(created, shipped)
      .when(add("tea", 1))
      .thenFails("INVALID_STATE", /shipped/);
    given(created, cancelled)
      .when(add("tea", 1))
      .thenFails("INVALID_STATE", /cancelled/);
  });
  it("refuses unknown orders and products, and non-positive quantities", () => {
    given().when(add("tea", 1)).thenFails("NOT_FOUND", /order/);
    given(created)
      .when(add("ghost", 1))
      .thenFails("NOT_FOUND", /product/);
    given(created).when(add("tea", -1)).thenFails("BAD_USER_INPUT");
  });
});

describe("RemoveOrderItem", () => {
  it("removes a line", () =>
    given(created)
      .when({ type: "RemoveOrderItem", data: { orderId, productId: "mug" } })
      .then([mugRemoved]));
  it("refuses a product not in the order", () =>
    given(created)
      .when({ type: "RemoveOrderItem", data: { orderId, productId: "tea" } })
      .thenFails("NOT_FOUND"));
  it("refuses once shipped", () =>
    given(created, shipped)
      .when({ type: "RemoveOrderItem", data: { orderId, productId: "mug" } })
      .thenFails("INVALID_STATE"));
});

describe("ShipOrder", () => {
  it("ships an open order with items", () => given(created).when(ship).then([shipped]));
  it("refuses an empty order", () => given(created, mugRemoved).when(ship).thenFails("INVALID_STATE", /empty/));
  it("refuses a cancelled or already shipped order", () => {
    given(created, cancelled).when(ship).thenFails("INVALID_STATE");
    given(created, shipped).when(ship).thenFails("INVALID_STATE");
  });
  it("needs a carrier and a tracking number", () =>
    given(created)
      .when({ type: "ShipOrder", data: { orderId, carrier: " ", trackingNumber: "T" } })
      .thenFails("BAD_USER_INPUT", /carrier/));
  it("needs an existing order", () => given().when(ship).thenFails("NOT_FOUND"));
});

describe("CancelOrder", () => {
  it("cancels an open order", () => given(created).when(cancel).then([cancelled]));
  it("refuses a shipped order and a cancelled one", () => {
    given(created, shipped)
      .when(cancel)
      .thenFails("INVALID_STATE", /shipped/);
    given(created, cancelled)
      .when(cancel)
      .thenFails("INVALID_STATE", /cancelled/);
  });
  it("needs a reason", () =>
    given(created)
      .when({ type: "CancelOrder", data: { orderId, reason: "" } })
      .thenFails("BAD_USER_INPUT"));
});

describe("evolve", () => {
  it("keeps one line per product, summing quantities", () => {
    const state = fold(orderDecider, [
      created,
      { type: "OrderItemAdded", data: { orderId, productId: "mug", productName: "Mug", quantity: 3, unitPriceCents: 1200 } },
      { type: "OrderItemAdded", data: { orderId, productId: "tea", productName: "Tea", quantity: 1, unitPriceCents: 450 } },
    ]);
    expect(state).toMatchObject({
      status: "open",
      items: [
        { productId: "mug", quantity: 5 },
        { productId: "tea", quantity: 1 },
      ],
    });
  });
});
