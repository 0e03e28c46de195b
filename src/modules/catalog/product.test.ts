import { describe, it } from "vitest";
import { deciderSpec } from "../../../test/support/decider-spec.js";
import { MAX_PRICE_CENTS, productDecider, type ProductEvent } from "./product.js";

const given = deciderSpec(productDecider, {});
const productId = "prod-1";
const added: ProductEvent = { type: "ProductAdded", data: { productId, sku: "MUG-01", name: "Mug", priceCents: 1200 } };

describe("AddProduct", () => {
  it("adds a product with an upper-cased SKU", () =>
    given()
      .when({ type: "AddProduct", data: { productId, sku: " mug-01 ", name: "Mug", priceCents: 1200 } })
      .then([added]));
  it("refuses a bad SKU, an empty name, or a price that is not a positive integer in range", () => {
    const add = (sku: string, name: string, priceCents: number) =>
      given().when({ type: "AddProduct", data: { productId, sku, name, priceCents } });
    add("no spaces", "Mug", 1).thenFails("BAD_USER_INPUT", /sku/);
    add("", "Mug", 1).thenFails("BAD_USER_INPUT", /sku/);
    add("MUG", " ", 1).thenFails("BAD_USER_INPUT", /name/);
    add("MUG", "Mug", 0).thenFails("BAD_USER_INPUT", /priceCents/);
    add("MUG", "Mug", 9.99).thenFails("BAD_USER_INPUT", /priceCents/);
    add("MUG", "Mug", MAX_PRICE_CENTS + 1).thenFails("BAD_USER_INPUT", /priceCents/);
  });
  it("refuses to add the same product twice", () =>
    given(added)
      .when({ type: "AddProduct", data: { productId, sku: "MUG-02", name: "Mug", priceCents: 1 } })
      .thenFails("INVALID_STATE"));
});

describe("RenameProduct", () => {
  it("renames", () =>
    given(added)
      .when({ type: "RenameProduct", data: { productId, name: "Big mug" } })
      .then([{ type: "ProductRenamed", data: { productId, name: "Big mug", previousName: "Mug" } }]));
  it("does nothing for the same name", () =>
    given(added)
      .when({ type: "RenameProduct", data: { productId, name: "Mug" } })
      .then([]));
  it("needs an existing product", () =>
    given()
      .when({ type: "RenameProduct", data: { productId, name: "X" } })
      .thenFails("NOT_FOUND"));
});

describe("ChangeProductPrice", () => {
  it("changes the price", () =>
    given(added)
      .when({ type: "ChangeProductPrice", data: { productId, priceCents: 1500 } })
      .then([{ type: "ProductPriceChanged", data: { productId, priceCents: 1500, previousPriceCents: 1200 } }]));
  it("refuses a non-positive price", () =>
    given(added)
      .when({ type: "ChangeProductPrice", data: { productId, priceCents: -1 } })
      .thenFails("BAD_USER_INPUT"));
  it("needs an existing product", () =>
    given()
      .when({ type: "ChangeProductPrice", data: { productId, priceCents: 5 } })
      .thenFails("NOT_FOUND"));
});
