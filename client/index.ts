/**
 * Catchup's client package for Apollo Client 4: read-your-writes with no plumbing. It
 * imports nothing of the server (test/architecture.test.ts holds it) and runs in a browser.
 *
 * ```ts
 * const tracker = new PositionTracker();             // or new PositionTracker({ shared: "my-app" }) across tabs
 * const client = new ApolloClient({
 *   link: ApolloLink.from([catchupLink(tracker), split(isSubscription, new GraphQLWsLink(ws), new HttpLink({ uri }))]),
 *   cache: new InMemoryCache({ possibleTypes, typePolicies: catchupTypePolicies }),
 * });
 * ```
 */
export { catchupGraphqlWs } from "./graphql-ws.js";
export { catchupLink, POSITION_HEADER } from "./link.js";
export { PositionTracker, positionOf, type PositionTrackerOptions } from "./position.js";
export { catchupTypePolicies, CONSISTENCY_ARGUMENTS, possibleTypes } from "./type-policies.js";
