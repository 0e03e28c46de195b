/**
 * Authentication: a caller is who a JWT bearer token says it is. Tokens are signed with the
 * shared HS256 secret (CATCHUP_JWT_SECRET) or by a key of a JWKS (CATCHUP_JWT_JWKS_URL);
 * `sub` names the caller (for a customer, its customer id) and `role` what it may do.
 *
 * Without either setting, outside production, Catchup runs in development mode: tokens are
 * signed with a fixed, public development secret, and `npm start` prints one per role.
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { UnauthenticatedError } from "../core/errors.js";

export const ROLES = ["customer", "staff", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller. For a customer, `subject` is its customer id. */
export interface Principal {
  readonly role: Role;
  readonly subject: string;
  /** When its token expires (ms since the epoch): a connection authenticated by it ends then. */
  readonly expiresAt?: number;
}

/** A principal as events record it (their actor) and as logs and per-principal limits key it: "role:subject". */
export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.subject}`;
}

export interface AuthOptions {
  /** HS256 secret (at least 32 characters). */
  secret?: string;
  /** URL of a JSON Web Key Set whose keys sign tokens (RS256, ES256, EdDSA…). */
  jwksUrl?: string;
  /** When set, tokens must carry this `iss`. */
  issuer?: string;
  /** When set, tokens must carry this `aud`. */
  audience?: string;
  /**
   * Longest a token may be valid, in seconds, from its `iat` (or from now, without one) to
   * its `exp`, which every token must carry. Default: a day; in development mode, where
   * anyone can sign a token, DEVELOPMENT_MAX_LIFETIME_S.
   */
  maxLifetimeS?: number;
}

/** The longest-lived token accepted in development mode (the ones `npm start` prints live 30 days). */
export const DEVELOPMENT_MAX_LIFETIME_S = 30 * 86_400;

/** Signs development tokens when no secret or JWKS is configured (never in production). */
export const DEVELOPMENT_SECRET = "catchup-development-secret: public, never use it in production";

/** The customer id of the printed development customer token (register it to use it). */
export const DEVELOPMENT_CUSTOMER = "dev-customer";

/** How far ahead of this server's clock a token's iat may be, in seconds. */
const CLOCK_SKEW_S = 60;

/** Verified tokens remembered, and for how long at most. */
const CACHE_SIZE = 10_000;
const CACHE_MS = 5 * 60_000;

const SUBJECT = /^[\x21-\x7e]{1,128}$/;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

export class Authenticator {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly secret: Uint8Array | undefined;

  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  /** Whether tokens are signed with the public development secret. */
  readonly development: boolean;
  private readonly maxLifetimeS: number;

  constructor(private readonly options: AuthOptions = {}) {
    if (options.secret !== undefined && options.secret.length < 32) throw new Error("the JWT secret must be at least 32 characters");
    this.development = options.secret === undefined && options.jwksUrl === undefined;
    this.maxLifetimeS = options.maxLifetimeS ?? (this.development ? DEVELOPMENT_MAX_LIFETIME_S : 86_400);
    if (options.jwksUrl !== undefined) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    } else {
      this.secret = new TextEncoder().encode(options.secret ?? DEVELOPMENT_SECRET);
      this.key = this.secret;
    }
  }

  /**
   * The principal of an `Authorization` value ("Bearer <jwt>"); null when there is none.
   * A value that is not a valid token is UNAUTHENTICATED, never anonymous.
   */
  async authenticate(authorization: unknown): Promise<Principal | null> {
    if (authorization === undefined || authorization === null || authorization === "") return null;
    const match = typeof authorization === "string" ? BEARER.exec(authorization) : null;
    if (!match) throw new UnauthenticatedError('the authorization must be "Bearer <token>"');
    const token = match[1]!;
    const cached = this.verified.get(token);
    if (cached && cached.until > Date.now()) return cached.principal;
    if (cached) this.verified.delete(token);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.secret ? ["HS256"] : undefined,
        issuer: this.options.issuer,
        audience: this.options.audience,
      }));
    } catch (error) {
      throw new UnauthenticatedError(describe(error));
    }
    const { sub, role, exp, iat } = payload;
    if (typeof exp !== "number") throw new UnauthenticatedError("the token must carry an expiry (exp)");
    const now = Date.now() / 1000;
    // An iat in the future would stretch the lifetime measured from it.
    if (typeof iat === "number" && iat > now + CLOCK_SKEW_S) throw new UnauthenticatedError("the token's iat is in the future");
    const lifetime = exp - Math.min(typeof iat === "number" ? iat : now, now);
    if (lifetime > this.maxLifetimeS) {
      throw new UnauthenticatedError(
        `the token is valid for ${Math.round(lifetime)} s; at most ${this.maxLifetimeS} s are accepted (CATCHUP_JWT_MAX_LIFETIME_S)`,
      );
    }
    if (typeof sub !== "string" || !SUBJECT.test(sub))
      throw new UnauthenticatedError("the token's sub must be 1 to 128 printable characters");
    if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) {
      throw new UnauthenticatedError(`the token's role must be one of ${ROLES.join(", ")}`);
    }
    const principal: Principal = { role: role as Role, subject: sub, expiresAt: exp * 1000 };
    // Clients send the same token with every request: remember it until it expires (at most
    // CACHE_MS), so that a request costs a map lookup instead of a signature check (~75 µs).
    const until = Math.min(Date.now() + CACHE_MS, exp * 1000);
    if (this.verified.size >= CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, until });
    return principal;
  }

  /** Signs a token with the HS256 secret (development tokens, tests, tools). */
  async issue(principal: Principal, expiresIn: string | number = "1h"): Promise<string> {
    if (!this.secret) throw new Error("tokens can only be issued with an HS256 secret");
    let token = new SignJWT({ role: principal.role })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(principal.subject)
      .setIssuedAt()
      .setExpirationTime(expiresIn);
    if (this.options.issuer) token = token.setIssuer(this.options.issuer);
    if (this.options.audience) token = token.setAudience(this.options.audience);
    return token.sign(this.secret);
  }
}

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "the token has expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "no key of the key set matches the token";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "the token's signing algorithm is not accepted";
  if (error instanceof joseErrors.JWKSTimeout || (error instanceof joseErrors.JOSEError && error.code === "ERR_JWKS_INVALID"))
    return "the key set could not be fetched";
  return "the token is not a valid JWT";
}
