-- DropIndex
DROP INDEX "customer_orders_order_id_key";

-- AlterTable
ALTER TABLE "customer_orders" DROP CONSTRAINT "customer_orders_pkey",
ADD CONSTRAINT "customer_orders_pkey" PRIMARY KEY ("order_id");

