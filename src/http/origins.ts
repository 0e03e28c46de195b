/**
 * Which browser origins may call the API, over HTTP (CORS) and on the WebSocket upgrade.
 * A request without an Origin header is not from a browser and passes; one from the
 * server's own origin (the playground) passes (in development, when it is a loopback one);
 * any other origin must be listed (CATCHUP_CORS_ORIGINS), or, in development, be a loopback
 * origin.
 */
import type http from "node:http";

/** Request headers a browser may send cross-origin (preflight answer). */
const ALLOWED_HEADERS = "authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, catchup-position";
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;
  private readonly loopback: boolean;

  /** `origins`: exact origins (scheme://host[:port]), or "loopback" for any origin on this machine. */
  constructor(origins: readonly string[] | "loopback") {
    this.loopback = origins === "loopback";
    this.allowed = new Set(origins === "loopback" ? [] : origins);
  }

  /** Whether a request carrying this Origin may be served (see the top of this file). */
  permits(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return this.sameOrigin(origin, req.headers.host) || this.listed(origin);
  }

  /**
   * Adds the CORS headers of an allowed cross-origin request to `res`. A preflight
   * (OPTIONS) is answered here: true when the response is done.
   */
  answer(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const origin = req.headers.origin;
    if (origin === undefined || this.sameOrigin(origin, req.headers.host)) {
      if (req.method !== "OPTIONS") return false;
      res.writeHead(204, { allow: "GET, POST, OPTIONS" }).end();
      return true;
    }
    res.setHeader("vary", "Origin");
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-expose-headers", "x-request-id");
    if (req.method !== "OPTIONS") return false;
    res.writeHead(204, {
      "access-control-allow-methods": "GET, POST",
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": "600",
    });
    res.end();
    return true;
  }

  private listed(origin: string): boolean {
    if (this.allowed.has(origin)) return true;
    if (!this.loopback) return false;
    try {
      const url = new URL(origin);
      return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK.has(url.hostname);
    } catch {
      return false;
    }
  }

  /**
   * Whether `origin` is the server's own, as the browser addressed it (its Host header). In
   * development (loopback origins), only as a loopback name: a page of any site can point its
   * own name at 127.0.0.1 (DNS rebinding), and would then be the server's own origin.
   */
  private sameOrigin(origin: string, host: string | undefined): boolean {
    if (host === undefined || (origin !== `http://${host}` && origin !== `https://${host}`)) return false;
    return !this.loopback || this.listed(origin);
  }
}
