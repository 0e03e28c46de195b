/** Accounts: money in, money out, never below zero; the ACCOUNT_BALANCE read model with its ledger. */
import { CUSTOMER_OR_ADMIN, streamCustomer } from "../../application/authorization.js";
import type { CatchupModule } from "../../graphql/module.js";
import * as commands from "./commands.js";
import { ACCOUNT_STREAM } from "./account.js";
import { AccountPayloadResolvers, AccountResolver, accountRows } from "./graphql/resolver.js";
import { accountBalanceProjection } from "./projections/account-balance.js";

export const accountsModule: CatchupModule = {
  name: "accounts",
  commands,
  readModels: [
    {
      projection: accountBalanceProjection,
      access: { roles: CUSTOMER_OR_ADMIN, owner: (store, id) => streamCustomer(store, id, ACCOUNT_STREAM), rowIds: "account id" },
      row: accountRows,
    },
  ],
  resolvers: [AccountResolver, ...AccountPayloadResolvers],
};
