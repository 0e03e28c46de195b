/** Accounts: money in, money out, never below zero; the ACCOUNT_BALANCE read model with its ledger. */
import { CUSTOMER_OR_ADMIN, streamCustomer } from "../../application/authorization.js";
import type DataLoader from "dataloader";
import type { CatchupModule } from "../../graphql/module.js";
import * as commands from "./commands.js";
import { ACCOUNT_STREAM } from "./account.js";
import {
  AccountFieldsResolver,
  AccountPayloadResolvers,
  AccountResolver,
  accountRows,
  CustomerAccountsResolver,
} from "./graphql/resolver.js";
import type { KeysetPage } from "../../core/projection-helpers/keyset.js";
import { pagesOf, type PageKey } from "../../graphql/loaders.js";
import {
  accountBalanceProjection,
  accountPages,
  ledgerPages,
  type AccountRow,
  type LedgerEntryRow,
} from "./projections/account-balance.js";

declare module "../../graphql/loaders.js" {
  interface Loaders {
    /** A page of a customer's accounts. */
    accountsOfCustomer: DataLoader<PageKey, KeysetPage<AccountRow>, string>;
    /** A page of an account's ledger. */
    ledger: DataLoader<PageKey, KeysetPage<LedgerEntryRow>, string>;
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
    accountsOfCustomer: pagesOf((keys) => accountPages(sql, keys)),
    ledger: pagesOf((keys) => ledgerPages(sql, keys)),
  }),
};
