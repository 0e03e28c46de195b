-- Counters and sums that grow with the log are 64-bit: 2,150 orders of 1,000,000 items shipped
-- in one day overflowed items_sold (32-bit) and failed ORDER_ANALYTICS for good.

-- AlterTable
ALTER TABLE "customer_order_stats" ALTER COLUMN "order_count" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "shipping_status_counts" ALTER COLUMN "count" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "shipping_shipped_per_day" ALTER COLUMN "count" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "order_daily_stats" ALTER COLUMN "orders_created" SET DATA TYPE BIGINT,
ALTER COLUMN "orders_shipped" SET DATA TYPE BIGINT,
ALTER COLUMN "orders_cancelled" SET DATA TYPE BIGINT,
ALTER COLUMN "items_sold" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "order_product_stats" ALTER COLUMN "quantity_sold" SET DATA TYPE BIGINT;

