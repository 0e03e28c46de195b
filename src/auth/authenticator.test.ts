import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { UnauthenticatedError } from "../core/errors.js";
import { Authenticator } from "./authenticator.js";

const SECRET = "unit-test-secret-of-at-least-32-characters";

describe("Authenticator", () => {
  it("names the caller of a valid token, and treats no token as anonymous", async () => {
    const auth = new Authenticator({ secret: SECRET });
    const token = await auth.issue({ role: "staff", subject: "s-1" });
    // With when the token expires (a WebSocket connection ends then): an hour from now.
    const principal = { role: "staff", subject: "s-1", expiresAt: expect.closeTo(Date.now() + 3_600_000, -4) };
    expect(await auth.authenticate(`Bearer ${token}`)).toEqual(principal);
    expect(await auth.authenticate(`bearer   ${token}`)).toEqual(principal);
    expect(await auth.authenticate(undefined)).toBeNull();
    expect(await auth.authenticate("")).toBeNull();
    await expect(auth.authenticate(42)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("stops accepting a remembered token once it expires", async () => {
    const auth = new Authenticator({ secret: SECRET });
    // At least a whole second ahead: a loaded machine must not see it expire before the first check.
    const exp = Math.ceil(Date.now() / 1000) + 1;
    const token = await new SignJWT({ role: "admin" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("a")
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(SECRET));
    expect(await auth.authenticate(`Bearer ${token}`)).toEqual({ role: "admin", subject: "a", expiresAt: exp * 1000 });
    expect(await auth.authenticate(`Bearer ${token}`)).toEqual({ role: "admin", subject: "a", expiresAt: exp * 1000 });
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    await expect(auth.authenticate(`Bearer ${token}`)).rejects.toThrow(/expired/);
  });

  it("refuses a short secret, and issues nothing without a secret", async () => {
    expect(() => new Authenticator({ secret: "short" })).toThrow(/at least 32 characters/);
    const jwks = new Authenticator({ jwksUrl: "http://127.0.0.1:1/jwks.json" });
    expect(jwks.development).toBe(false);
    await expect(jwks.issue({ role: "admin", subject: "x" })).rejects.toThrow(/HS256 secret/);
    expect(new Authenticator().development).toBe(true);
  });

  it("refuses tokens without an expiry, and tokens that live longer than the maximum", async () => {
    const key = new TextEncoder().encode(SECRET);
    const sign = (configure: (jwt: SignJWT) => SignJWT) =>
      configure(new SignJWT({ role: "admin" }).setProtectedHeader({ alg: "HS256" }).setSubject("a").setIssuedAt()).sign(key);
    const auth = new Authenticator({ secret: SECRET, maxLifetimeS: 600 });
    await expect(auth.authenticate(`Bearer ${await sign((jwt) => jwt)}`)).rejects.toThrow(/must carry an expiry/);
    await expect(auth.authenticate(`Bearer ${await sign((jwt) => jwt.setExpirationTime("11m"))}`)).rejects.toThrow(
      /valid for 660 s; at most 600 s/,
    );
    expect(await auth.authenticate(`Bearer ${await sign((jwt) => jwt.setExpirationTime("10m"))}`)).toMatchObject({
      role: "admin",
      subject: "a",
    });
    // Development: the printed tokens live 30 days.
    const development = new Authenticator();
    expect(await development.authenticate(`Bearer ${await development.issue({ role: "staff", subject: "s" }, "30d")}`)).toMatchObject({
      role: "staff",
      subject: "s",
    });
    await expect(development.authenticate(`Bearer ${await development.issue({ role: "staff", subject: "s" }, "31d")}`)).rejects.toThrow(
      /at most 2592000 s/,
    );
  });
});
