/** graphql-ws helpers for tests: typed subscriptions as async iterators or with a sink. */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import type { Client, FormattedExecutionResult } from "graphql-ws";

export function iterate<T, V extends Record<string, unknown>>(client: Client, document: TypedDocumentNode<T, V>, variables: V) {
  return client.iterate<T>({ query: print(document), variables }) as AsyncIterableIterator<FormattedExecutionResult<T, unknown>>;
}

/** Subscribes and collects results; `done` resolves when the server completes it. */
export function collect<T, V extends Record<string, unknown>>(client: Client, document: TypedDocumentNode<T, V>, variables: V) {
  const results: FormattedExecutionResult<T, unknown>[] = [];
  let unsubscribe!: () => void;
  const done = new Promise<void>((resolve, reject) => {
    unsubscribe = client.subscribe<T>(
      { query: print(document), variables },
      { next: (result) => void results.push(result), error: reject, complete: resolve },
    );
  });
  return { results, done, unsubscribe };
}
