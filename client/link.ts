/**
 * An Apollo Link for read-your-writes with no plumbing: it remembers the highest position
 * in any response and sends it with every later operation, as the `catchup-position`
 * header over HTTP and as `extensions.catchup.position` for graphql-ws (GraphQLWsLink
 * sends an operation's extensions in its subscribe message). Put it before the
 * terminating links: `ApolloLink.from([catchupLink(tracker), split(…, wsLink, httpLink)])`.
 */
import { ApolloLink } from "@apollo/client";
import { map } from "rxjs";
import { PositionTracker, positionOf } from "./position.js";

export const POSITION_HEADER = "catchup-position";

export function catchupLink(tracker: PositionTracker = new PositionTracker()): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const position = tracker.current;
    if (position !== null) {
      operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
        headers: { ...headers, [POSITION_HEADER]: position },
      }));
      operation.extensions = { ...operation.extensions, catchup: { position } };
    }
    return forward(operation).pipe(
      map((result) => {
        tracker.seen(positionOf(result as { extensions?: Record<string, unknown> }));
        return result;
      }),
    );
  });
}
