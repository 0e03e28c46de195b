/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How long a mutation waits: EVENTUAL returns once the events are stored; STRONG also waits until every projection has applied them. */
export type Consistency =
  | 'EVENTUAL'
  | 'STRONG';

export type DepositMoneyInput = {
  accountId: string | number;
  /** Positive, in cents. */
  amountCents: number;
  /** Idempotency key: a retry with the same id returns the first result and writes nothing. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version. Without it, conflicts are retried. */
  expectedVersion?: number | null | undefined;
};

export type OpenAccountInput = {
  /** Idempotency key: a retry with the same id returns the first result and writes nothing. */
  commandId?: string | number | null | undefined;
  customerId: string | number;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version. Without it, conflicts are retried. */
  expectedVersion?: number | null | undefined;
};

export type Projection =
  | 'ACCOUNT_BALANCE'
  | 'CUSTOMER_ORDERS'
  | 'CUSTOMER_PROFILE'
  | 'ORDER_ANALYTICS'
  | 'ORDER_SUMMARY'
  | 'PRODUCT_CATALOG'
  | 'SHIPPING_DASHBOARD';

export type ProjectionState =
  | 'FAILED'
  | 'RUNNING'
  | 'STARTING'
  | 'STOPPED';

export type WithdrawMoneyInput = {
  accountId: string | number;
  /** Positive, in cents; at most the balance. */
  amountCents: number;
  /** Idempotency key: a retry with the same id returns the first result and writes nothing. */
  commandId?: string | number | null | undefined;
  /** Fail with CONCURRENCY_CONFLICT unless the stream is at this version. Without it, conflicts are retried. */
  expectedVersion?: number | null | undefined;
};

export type OpenAccountMutationVariables = Exact<{
  input: OpenAccountInput;
  consistency?: Consistency | null | undefined;
}>;


export type OpenAccountMutation = { openAccount: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } };

export type DepositMoneyMutationVariables = Exact<{
  input: DepositMoneyInput;
  consistency?: Consistency | null | undefined;
}>;


export type DepositMoneyMutation = { depositMoney: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } };

export type WithdrawMoneyMutationVariables = Exact<{
  input: WithdrawMoneyInput;
  consistency?: Consistency | null | undefined;
}>;


export type WithdrawMoneyMutation = { withdrawMoney: { commandId: string, streamId: string, version: number, position: string, events: Array<string>, caughtUp: boolean | null } };

export type AccountQueryVariables = Exact<{
  id: string | number;
  minPosition?: string | null | undefined;
  minVersion?: number | null | undefined;
  consistent?: boolean | null | undefined;
}>;


export type AccountQuery = { account: { id: string, customerId: string, balanceCents: number, openedAt: string, updatedAt: string, version: number, position: string } | null };

export type ProjectionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProjectionsQuery = { projections: Array<{ name: Projection, position: string, headPosition: string, lag: number, state: ProjectionState, lastError: string | null }> };

export type ProjectionProgressSubscriptionVariables = Exact<{
  projections?: Array<Projection> | Projection | null | undefined;
}>;


export type ProjectionProgressSubscription = { projectionProgress: { projection: Projection, position: string } };


export const OpenAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenAccountInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]}}]} as unknown as DocumentNode<OpenAccountMutation, OpenAccountMutationVariables>;
export const DepositMoneyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DepositMoney"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DepositMoneyInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depositMoney"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]}}]} as unknown as DocumentNode<DepositMoneyMutation, DepositMoneyMutationVariables>;
export const WithdrawMoneyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawMoney"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WithdrawMoneyInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawMoney"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistency"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistency"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"streamId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"caughtUp"}}]}}]}}]} as unknown as DocumentNode<WithdrawMoneyMutation, WithdrawMoneyMutationVariables>;
export const AccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Account"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Position"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consistent"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"minPosition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minPosition"}}},{"kind":"Argument","name":{"kind":"Name","value":"minVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minVersion"}}},{"kind":"Argument","name":{"kind":"Name","value":"consistent"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consistent"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]} as unknown as DocumentNode<AccountQuery, AccountQueryVariables>;
export const ProjectionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Projections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"headPosition"}},{"kind":"Field","name":{"kind":"Name","value":"lag"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]}}]} as unknown as DocumentNode<ProjectionsQuery, ProjectionsQueryVariables>;
export const ProjectionProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ProjectionProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projections"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Projection"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projectionProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"projections"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projections"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projection"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]} as unknown as DocumentNode<ProjectionProgressSubscription, ProjectionProgressSubscriptionVariables>;