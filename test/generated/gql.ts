/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation OpenAccount($input: OpenAccountInput!, $consistency: Consistency) {\n  openAccount(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nmutation DepositMoney($input: DepositMoneyInput!, $consistency: Consistency) {\n  depositMoney(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nmutation WithdrawMoney($input: WithdrawMoneyInput!, $consistency: Consistency) {\n  withdrawMoney(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nquery Account($id: ID!, $minPosition: Position, $minVersion: Int, $consistent: Boolean) {\n  account(\n    id: $id\n    minPosition: $minPosition\n    minVersion: $minVersion\n    consistent: $consistent\n  ) {\n    id\n    customerId\n    balanceCents\n    openedAt\n    updatedAt\n    version\n    position\n  }\n}": typeof types.OpenAccountDocument,
    "query Projections {\n  projections {\n    name\n    position\n    headPosition\n    lag\n    state\n    lastError\n  }\n}\n\nsubscription ProjectionProgress($projections: [Projection!]) {\n  projectionProgress(projections: $projections) {\n    projection\n    position\n  }\n}": typeof types.ProjectionsDocument,
};
const documents: Documents = {
    "mutation OpenAccount($input: OpenAccountInput!, $consistency: Consistency) {\n  openAccount(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nmutation DepositMoney($input: DepositMoneyInput!, $consistency: Consistency) {\n  depositMoney(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nmutation WithdrawMoney($input: WithdrawMoneyInput!, $consistency: Consistency) {\n  withdrawMoney(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nquery Account($id: ID!, $minPosition: Position, $minVersion: Int, $consistent: Boolean) {\n  account(\n    id: $id\n    minPosition: $minPosition\n    minVersion: $minVersion\n    consistent: $consistent\n  ) {\n    id\n    customerId\n    balanceCents\n    openedAt\n    updatedAt\n    version\n    position\n  }\n}": types.OpenAccountDocument,
    "query Projections {\n  projections {\n    name\n    position\n    headPosition\n    lag\n    state\n    lastError\n  }\n}\n\nsubscription ProjectionProgress($projections: [Projection!]) {\n  projectionProgress(projections: $projections) {\n    projection\n    position\n  }\n}": types.ProjectionsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OpenAccount($input: OpenAccountInput!, $consistency: Consistency) {\n  openAccount(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nmutation DepositMoney($input: DepositMoneyInput!, $consistency: Consistency) {\n  depositMoney(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nmutation WithdrawMoney($input: WithdrawMoneyInput!, $consistency: Consistency) {\n  withdrawMoney(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nquery Account($id: ID!, $minPosition: Position, $minVersion: Int, $consistent: Boolean) {\n  account(\n    id: $id\n    minPosition: $minPosition\n    minVersion: $minVersion\n    consistent: $consistent\n  ) {\n    id\n    customerId\n    balanceCents\n    openedAt\n    updatedAt\n    version\n    position\n  }\n}"): (typeof documents)["mutation OpenAccount($input: OpenAccountInput!, $consistency: Consistency) {\n  openAccount(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nmutation DepositMoney($input: DepositMoneyInput!, $consistency: Consistency) {\n  depositMoney(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nmutation WithdrawMoney($input: WithdrawMoneyInput!, $consistency: Consistency) {\n  withdrawMoney(input: $input, consistency: $consistency) {\n    commandId\n    streamId\n    version\n    position\n    events\n    caughtUp\n  }\n}\n\nquery Account($id: ID!, $minPosition: Position, $minVersion: Int, $consistent: Boolean) {\n  account(\n    id: $id\n    minPosition: $minPosition\n    minVersion: $minVersion\n    consistent: $consistent\n  ) {\n    id\n    customerId\n    balanceCents\n    openedAt\n    updatedAt\n    version\n    position\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Projections {\n  projections {\n    name\n    position\n    headPosition\n    lag\n    state\n    lastError\n  }\n}\n\nsubscription ProjectionProgress($projections: [Projection!]) {\n  projectionProgress(projections: $projections) {\n    projection\n    position\n  }\n}"): (typeof documents)["query Projections {\n  projections {\n    name\n    position\n    headPosition\n    lag\n    state\n    lastError\n  }\n}\n\nsubscription ProjectionProgress($projections: [Projection!]) {\n  projectionProgress(projections: $projections) {\n    projection\n    position\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;