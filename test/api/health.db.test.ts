/** /healthz answers while the process is up; /readyz says whether it can serve, and why not. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";
import { PROJECTION_NAMES } from "../support/read-models.js";

let api: TestServer;

beforeAll(async () => {
  api = await startTestServer();
});
afterAll(async () => {
  await api?.close();
});

it("/readyz is 200 with every projection running, 503 naming the one that is not", async () => {
  const base = api.url.replace("/graphql", "");
  expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  const body = (await ready.json()) as {
    ready: boolean;
    database: string;
    projections: { name: string; state: string }[];
    problems: string[];
  };
  expect(body).toMatchObject({ ready: true, database: "reachable", problems: [] });
  expect(body.projections.map((projection) => projection.state)).toEqual(PROJECTION_NAMES.map(() => "RUNNING"));

  await api.app.projector.runner("ORDER_ANALYTICS").stop();
  const unready = await fetch(`${base}/readyz`);
  expect(unready.status).toBe(503);
  expect(await unready.json()).toMatchObject({ ready: false, database: "reachable", problems: ["ORDER_ANALYTICS is STOPPED"] });
  await api.app.projector.runner("ORDER_ANALYTICS").start();
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
});
