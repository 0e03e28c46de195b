-- CreateTable
CREATE TABLE "customer_emails" (
    "email" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,

    CONSTRAINT "customer_emails_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "products" (
    "id" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_profiles" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "address" JSONB NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "customer_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalog_products" (
    "id" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "catalog_products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_summaries" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "customer_name" TEXT NOT NULL,
    "customer_email" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "item_count" INTEGER NOT NULL,
    "product_names" TEXT[],
    "total_cents" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "carrier" TEXT,
    "tracking_number" TEXT,
    "cancel_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "shipped_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "order_summaries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_summary_customers" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,

    CONSTRAINT "order_summary_customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_summary_products" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "order_summary_products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_orders" (
    "customer_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "total_cents" INTEGER NOT NULL,
    "items" JSONB NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "customer_orders_pkey" PRIMARY KEY ("customer_id","order_id")
);

-- CreateTable
CREATE TABLE "customer_order_stats" (
    "customer_id" TEXT NOT NULL,
    "order_count" INTEGER NOT NULL,
    "lifetime_total_cents" BIGINT NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "customer_order_stats_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "shipping_orders" (
    "order_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "shipping_orders_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "shipping_status_counts" (
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "shipping_status_counts_pkey" PRIMARY KEY ("status")
);

-- CreateTable
CREATE TABLE "shipping_shipped_per_day" (
    "date" DATE NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "shipping_shipped_per_day_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "order_daily_stats" (
    "date" DATE NOT NULL,
    "orders_created" INTEGER NOT NULL,
    "orders_shipped" INTEGER NOT NULL,
    "orders_cancelled" INTEGER NOT NULL,
    "revenue_cents" BIGINT NOT NULL,
    "items_sold" INTEGER NOT NULL,

    CONSTRAINT "order_daily_stats_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "order_product_stats" (
    "product_id" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "quantity_sold" INTEGER NOT NULL,
    "revenue_cents" BIGINT NOT NULL,

    CONSTRAINT "order_product_stats_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "order_analytics_orders" (
    "order_id" TEXT NOT NULL,
    "items" JSONB NOT NULL,

    CONSTRAINT "order_analytics_orders_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE INDEX "customer_emails_customer_id_idx" ON "customer_emails"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "products_sku_key" ON "products"("sku");

-- CreateIndex
CREATE UNIQUE INDEX "catalog_products_sku_key" ON "catalog_products"("sku");

-- CreateIndex
CREATE INDEX "catalog_products_name_id_idx" ON "catalog_products"("name", "id");

-- CreateIndex
CREATE INDEX "order_summaries_customer_id_idx" ON "order_summaries"("customer_id");

-- CreateIndex
CREATE INDEX "order_summaries_items_idx" ON "order_summaries" USING GIN ("items" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "customer_orders_customer_id_created_at_order_id_idx" ON "customer_orders"("customer_id", "created_at" DESC, "order_id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "customer_orders_order_id_key" ON "customer_orders"("order_id");

-- CreateIndex
CREATE INDEX "shipping_orders_status_created_at_order_id_idx" ON "shipping_orders"("status", "created_at", "order_id");

-- CreateIndex
CREATE INDEX "order_product_stats_quantity_sold_product_id_idx" ON "order_product_stats"("quantity_sold" DESC, "product_id");

