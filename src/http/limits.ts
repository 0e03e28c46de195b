/** What one client may hold of a server: each bound is a setting (README "Security"). */
export interface ServerLimits {
  /** Largest HTTP request body, in bytes (also the largest WebSocket message). */
  maxBodyBytes: number;
  /** Time a client has to send a request's headers, in ms. */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request, body included, in ms (a trickled body is cut off). */
  requestTimeoutMs: number;
  /** Operations one WebSocket connection may have running at once. */
  maxSubscriptionsPerConnection: number;
  /** WebSocket connections one principal (a token's role and subject) may hold. */
  maxConnectionsPerPrincipal: number;
  /** Admitted GraphQL documents kept for reuse: how many, and the bytes of their texts. */
  documentCacheEntries: number;
  documentCacheBytes: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxBodyBytes: 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxSubscriptionsPerConnection: 100,
  maxConnectionsPerPrincipal: 50,
  documentCacheEntries: 1000,
  documentCacheBytes: 1024 * 1024,
};
