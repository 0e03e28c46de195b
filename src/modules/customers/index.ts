/** Customers: registration and profile changes, unique emails; the CUSTOMER_PROFILE read model. */
import type DataLoader from "dataloader";
import { ANY_ROLE } from "../../application/authorization.js";
import { byId } from "../../graphql/loaders.js";
import type { CatchupModule } from "../../graphql/module.js";
import { CUSTOMER_EVENT_SCHEMAS, CUSTOMER_PERSONAL_DATA, CUSTOMER_STREAM } from "./customer.js";
import { hashLegacyEmailClaims } from "./email-registry.js";
import * as commands from "./commands.js";
import { CustomerPayloadResolvers, CustomerResolver, customerRows } from "./graphql/resolver.js";
import { customerProfileProjection, findCustomerProfiles, type CustomerProfileRow } from "./projections/customer-profile.js";

declare module "../../graphql/loaders.js" {
  interface Loaders {
    customerProfile: DataLoader<string, CustomerProfileRow | null>;
  }
}

export const customersModule: CatchupModule = {
  name: "customers",
  commands,
  readModels: [
    {
      projection: customerProfileProjection,
      streamType: CUSTOMER_STREAM,
      description: "One profile per customer: the customer query, OrderSummary.customer and the customer of customer payloads.",
      access: { roles: ANY_ROLE, owner: (_, id) => id, rowIds: "customer id" },
      row: customerRows,
    },
  ],
  resolvers: [CustomerResolver, ...CustomerPayloadResolvers],
  loaders: (sql) => ({ customerProfile: byId((ids) => findCustomerProfiles(sql, ids)) }),
  events: { schemas: CUSTOMER_EVENT_SCHEMAS, personal: CUSTOMER_PERSONAL_DATA },
  start: async ({ store, db }) => {
    await hashLegacyEmailClaims(store, db.sql);
  },
};
