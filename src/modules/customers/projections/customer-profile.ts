/** CUSTOMER_PROFILE: one row per customer, as the customer's page shows it. */
import type { Sql } from "../../../core/database/database.js";
import { unreachable } from "../../../core/decider.js";
import { tableRows } from "../../../core/projection-helpers/batch-rows.js";
import { ChangeLog, continuedStreams } from "../../../core/projection-helpers/batch.js";
import { selectRows } from "../../../core/projection-helpers/table-reads.js";
import type { TableSpec } from "../../../core/projection-helpers/table-spec.js";
import { defineProjection } from "../../../core/projection.js";
import { CUSTOMER_EVENT_TYPES, displayName, FORGOTTEN, type Address, type CustomerEvent } from "../customer.js";

export const CUSTOMER_PROFILE = "CUSTOMER_PROFILE";

const PROFILES: TableSpec<CustomerProfileRow> = {
  table: "customer_profiles",
  key: ["id"],
  columns: {
    id: ["id", "text"],
    name: ["name", "text"],
    givenName: ["given_name", "text"],
    familyName: ["family_name", "text"],
    email: ["email", "text"],
    phone: ["phone", "text"],
    address: ["address", "jsonb"],
    registeredAt: ["registered_at", "timestamptz"],
    forgottenAt: ["forgotten_at", "timestamptz"],
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
          const { givenName, familyName, email, phone, address } = event.data;
          const name = displayName(event.data);
          profiles.create({
            id,
            name,
            givenName,
            familyName,
            email,
            phone,
            address,
            registeredAt: event.recordedAt,
            forgottenAt: null,
            ...stamp,
          });
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
        case "CustomerForgotten":
          profiles.set({ ...row(), ...FORGOTTEN_PROFILE, forgottenAt: new Date(event.data.forgottenAt), ...stamp });
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

/** What a forgotten customer's profile holds in place of its personal data. */
const FORGOTTEN_PROFILE = {
  name: FORGOTTEN,
  givenName: FORGOTTEN,
  familyName: null,
  email: FORGOTTEN,
  phone: FORGOTTEN,
  address: { line1: FORGOTTEN, line2: null, city: FORGOTTEN, postalCode: FORGOTTEN, country: FORGOTTEN },
} satisfies Partial<CustomerProfileRow>;

export interface CustomerProfileRow {
  id: string;
  /** As shown: given and family names. */
  name: string;
  givenName: string;
  familyName: string | null;
  email: string;
  phone: string;
  address: Address;
  registeredAt: Date;
  /** When the customer was forgotten (its personal fields hold FORGOTTEN), else null. */
  forgottenAt: Date | null;
  updatedAt: Date;
  version: number;
  position: bigint;
}

export function findCustomerProfiles(sql: Sql, ids: readonly string[]): Promise<CustomerProfileRow[]> {
  return selectRows(sql, PROFILES, "id = ANY($1::text[])", [ids]);
}

/**
 * The customer of an email, compared case-insensitively (emails are unique that way), as
 * registered now (NFKC: see requireEmail) or as typed (an email registered before emails
 * were normalized); never a forgotten one.
 */
export async function findCustomerByEmail(sql: Sql, email: string): Promise<CustomerProfileRow | null> {
  const typed = email.trim();
  const [row] = await selectRows(sql, PROFILES, "lower(email) IN (lower($1), lower($2)) AND forgotten_at IS NULL", [
    typed.normalize("NFKC"),
    typed,
  ]);
  return row ?? null;
}
