/** CUSTOMER_PROFILE: one row per customer, as the customer's page shows it. */
import type { Sql } from "../../../core/database/database.js";
import { unreachable } from "../../../core/decider.js";
import { tableRows } from "../../../core/projection-helpers/batch-rows.js";
import { ChangeLog, continuedStreams } from "../../../core/projection-helpers/batch.js";
import { selectRows } from "../../../core/projection-helpers/table-reads.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
import { defineProjection } from "../../../core/projection.js";
import { CUSTOMER_EVENT_TYPES, type Address, type CustomerEvent } from "../customer.js";

export const CUSTOMER_PROFILE = "CUSTOMER_PROFILE";

const PROFILES: TableSpec<CustomerProfileRow> = {
  table: "customer_profiles",
  key: ["id"],
  columns: {
    id: ["id", "text"],
    name: ["name", "text"],
    email: ["email", "text"],
    phone: ["phone", "text"],
    address: ["address", "jsonb"],
    registeredAt: ["registered_at", "timestamptz"],
    updatedAt: ["updated_at", "timestamptz"],
    version: ["version", "integer"],
    position: ["position", "bigint"],
  },
};

export const customerProfileProjection = defineProjection<CustomerEvent>()({
  name: CUSTOMER_PROFILE,
  eventTypes: CUSTOMER_EVENT_TYPES,
  tables: ["customer_profiles"],

  async apply(events, tx) {
    const log = new ChangeLog();
    const profiles = tableRows<CustomerProfileRow>(tx, PROFILES, "id");
    await profiles.preload(continuedStreams(events, "CustomerRegistered"));
    for (const event of events) {
      const id = event.streamId;
      const stamp = { version: event.version, position: event.position, updatedAt: event.recordedAt };
      const row = () => profiles.require(id, `${event.type} at ${event.position}: customer`);
      switch (event.type) {
        case "CustomerRegistered": {
          const { name, email, phone, address } = event.data;
          profiles.create({ id, name, email, phone, address, registeredAt: event.recordedAt, ...stamp });
          break;
        }
        case "CustomerEmailChanged":
          profiles.set({ ...row(), email: event.data.email, ...stamp });
          break;
        case "CustomerAddressUpdated":
          profiles.set({ ...row(), address: event.data.address, ...stamp });
          break;
        case "CustomerPhoneNumberChanged":
          profiles.set({ ...row(), phone: event.data.phone, ...stamp });
          break;
        default:
          unreachable(event);
      }
      log.add(id, event.version, event.position);
    }
    await profiles.flush();
    return log.changes;
  },
});

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

export function findCustomerProfiles(sql: Sql, ids: readonly string[]): Promise<CustomerProfileRow[]> {
  return selectRows(sql, PROFILES, "id = ANY($1::text[])", [ids]);
}

/** The customer of an email, compared case-insensitively (emails are unique that way). */
export async function findCustomerByEmail(sql: Sql, email: string): Promise<CustomerProfileRow | null> {
  const [row] = await selectRows(sql, PROFILES, "lower(email) = lower($1)", [email.trim()]);
  return row ?? null;
}
