/**
 * An AsyncIterableIterator fed by callbacks, for subscriptions. `start` registers the
 * producer and returns its teardown. The teardown runs exactly once: when the client
 * unsubscribes or disconnects (graphql-ws calls `return`), or after `end` once the
 * buffered values are delivered.
 */
let open = 0;

/** Subscriptions whose teardown has not run yet (every subscription is a callbackIterator). */
export function openSubscriptions(): number {
  return open;
}

/**
 * `latestOf`: values not yet taken by the consumer that share its key are superseded by the
 * newest (which goes last), so a client that reads slower than values arrive holds at most
 * one waiting value per key, not a backlog that grows for as long as it lags.
 */
export function callbackIterator<T>(
  start: (push: (value: T) => void, end: () => void) => () => void,
  latestOf?: (value: T) => string,
): AsyncIterableIterator<T> {
  const buffer: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let ended = false;
  let closed = false;

  const close = () => {
    if (closed) return;
    closed = true;
    open--;
    ended = true;
    teardown();
  };
  const flush = () => {
    if (!waiting || (buffer.length === 0 && !ended)) return;
    const resolve = waiting;
    waiting = undefined;
    if (buffer.length > 0) resolve({ value: buffer.shift()!, done: false });
    else {
      close();
      resolve({ value: undefined, done: true });
    }
  };

  open++;
  const teardown = start(
    (value) => {
      if (ended) return;
      if (latestOf) {
        const key = latestOf(value);
        const superseded = buffer.findIndex((waiting) => latestOf(waiting) === key);
        if (superseded >= 0) buffer.splice(superseded, 1);
      }
      buffer.push(value);
      flush();
    },
    () => {
      ended = true;
      flush();
    },
  );

  return {
    next() {
      if (buffer.length > 0) return Promise.resolve({ value: buffer.shift()!, done: false });
      if (ended) {
        close();
        return Promise.resolve({ value: undefined, done: true });
      }
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      buffer.length = 0;
      close();
      flush();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error) {
      buffer.length = 0;
      close();
      flush();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
