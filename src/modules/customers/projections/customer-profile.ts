/** CUSTOMER_PROFILE: one row per customer, as the customer's page shows it. */
import type { RecordedEvent } from "../../../core/events.js";
import { ChangeLog } from "../../../core/projection-helpers.js";
import type { Projection } from "../../../core/projection.js";
import type { PrismaClient } from "../../../generated/prisma/client.js";
import { CUSTOMER_EVENT_TYPES, type Address, type CustomerEvent } from "../customer.js";

export const CUSTOMER_PROFILE = "CUSTOMER_PROFILE";

export const customerProfileProjection: Projection = {
  name: CUSTOMER_PROFILE,
  eventTypes: CUSTOMER_EVENT_TYPES,

  async apply(events, tx) {
    const log = new ChangeLog();
    for (const event of events as readonly RecordedEvent<CustomerEvent>[]) {
      const id = event.streamId;
      const stamp = { version: event.version, position: event.position, updatedAt: event.recordedAt };
      switch (event.type) {
        case "CustomerRegistered": {
          const { name, email, phone, address } = event.data;
          await tx.customerProfile.create({
            data: { id, name, email, phone, address: { ...address }, registeredAt: event.recordedAt, ...stamp },
          });
          break;
        }
        case "CustomerEmailChanged":
          await tx.customerProfile.update({ where: { id }, data: { email: event.data.email, ...stamp } });
          break;
        case "CustomerAddressUpdated":
          await tx.customerProfile.update({ where: { id }, data: { address: { ...event.data.address }, ...stamp } });
          break;
        case "CustomerPhoneNumberChanged":
          await tx.customerProfile.update({ where: { id }, data: { phone: event.data.phone, ...stamp } });
          break;
      }
      log.add(id, event.version, event.position);
    }
    return log.changes;
  },

  async reset(tx) {
    await tx.customerProfile.deleteMany();
  },
};

export interface CustomerProfileRow {
  id: string;
  name: string;
  email: string;
  phone: string;
  address: Address;
  registeredAt: Date;
  updatedAt: Date;
  version: number;
  position: bigint;
}

export async function findCustomerProfiles(db: PrismaClient, ids: readonly string[]): Promise<CustomerProfileRow[]> {
  const rows = await db.customerProfile.findMany({ where: { id: { in: [...ids] } } });
  return rows.map((row) => ({ ...row, address: row.address as unknown as Address }));
}
