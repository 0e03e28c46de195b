/** Small pieces every HTTP route uses: a JSON answer, and a request body read within a limit. */
import type http from "node:http";

export function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The body as text; "too-large" past `limit` bytes (read to its end, not kept); "aborted"
 * when the client went away or took longer than the server's request timeout.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<string | "too-large" | "aborted"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks).toString("utf8")));
    req.on("close", () => {
      if (!req.complete) resolve("aborted");
    });
    req.on("error", reject);
  });
}
