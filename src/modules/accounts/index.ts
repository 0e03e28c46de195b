/** Accounts: money in, money out, never below zero; the ACCOUNT_BALANCE read model with its ledger. */
import { CUSTOMER_OR_ADMIN, streamCustomer } from "../../application/authorization.js";
import DataLoader from "dataloader";
import type { CatchupModule } from "../../graphql/module.js";
import * as commands from "./commands.js";
import { ACCOUNT_STREAM } from "./account.js";
import {
  AccountFieldsResolver,
  AccountPayloadResolvers,
  AccountResolver,
  accountRows,
  CustomerAccountsResolver,
  MAX_ACCOUNTS_LISTED,
} from "./graphql/resolver.js";
import {
  accountBalanceProjection,
  findAccountsOfCustomers,
  ledgerPages,
  type AccountRow,
  type LedgerPage,
  type LedgerPageKey,
} from "./projections/account-balance.js";

declare module "../../graphql/loaders.js" {
  interface Loaders {
    /** A customer's accounts, oldest first (at most MAX_ACCOUNTS_LISTED). */
    accountsOfCustomer: DataLoader<string, AccountRow[]>;
    /** A page of an account's ledger. */
    ledger: DataLoader<LedgerPageKey, LedgerPage, string>;
  }
}

export const accountsModule: CatchupModule = {
  name: "accounts",
  commands,
  readModels: [
    {
      projection: accountBalanceProjection,
      streamType: ACCOUNT_STREAM,
      description: "Each open account with its balance: the account query and the account of account payloads.",
      access: { roles: CUSTOMER_OR_ADMIN, owner: (store, id) => streamCustomer(store, id, ACCOUNT_STREAM), rowIds: "account id" },
      row: accountRows,
    },
  ],
  resolvers: [AccountResolver, AccountFieldsResolver, CustomerAccountsResolver, ...AccountPayloadResolvers],
  loaders: (sql) => ({
    accountsOfCustomer: new DataLoader(async (customerIds) => {
      const accounts = await findAccountsOfCustomers(sql, customerIds, MAX_ACCOUNTS_LISTED);
      return customerIds.map((id) => accounts.filter((account) => account.customerId === id));
    }),
    ledger: new DataLoader((keys) => ledgerPages(sql, keys), { cacheKeyFn: (key) => JSON.stringify(key) }),
  }),
};
