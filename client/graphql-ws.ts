/**
 * The same read-your-writes for a graphql-ws client used without Apollo (a service that
 * listens and writes over one WebSocket): `on.message` takes the position of every result
 * the server pushes, `payload` adds the highest one seen to a subscribe payload.
 *
 * ```ts
 * const hook = catchupGraphqlWs(tracker);
 * const client = createClient({ url, on: hook.on });
 * client.subscribe(hook.payload({ query, variables }), sink);
 * ```
 */
import { PositionTracker, positionOf } from "./position.js";

/** A subscribe payload (graphql-ws's SubscribePayload). */
export interface Payload {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown> | null;
}

/** A graphql-ws message as this hook reads it (only `next` messages carry results). */
interface Message {
  type: string;
  payload?: unknown;
}

export function catchupGraphqlWs(tracker: PositionTracker = new PositionTracker()) {
  return {
    tracker,
    on: {
      message(message: Message): void {
        if (message.type === "next") tracker.seen(positionOf(message.payload as { extensions?: Record<string, unknown> }));
      },
    },
    /** The subscribe payload with the highest position seen, as `extensions.catchup.position`. */
    payload(payload: Payload): Payload {
      const position = tracker.current;
      return position === null ? payload : { ...payload, extensions: { ...payload.extensions, catchup: { position } } };
    },
  };
}
