/**
 * The three-instance failover scenario (test/faults/cluster-scenario.ts) once with a replica:
 * B and C read through the streaming replica (300 ms behind), A writes to the primary.
 */
import { afterAll, describe, inject, it } from "vitest";
import { threeInstances } from "../faults/cluster-scenario.js";
import { onReplica } from "../support/replica-pair.js";

const pair = inject("replicaPair");
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

describe("three instances, two of them reading through a replica", () => {
  it("write on A, subscribe on B, read on C; kill the projector leader mid-load: takeover, nothing lost or applied twice", () =>
    threeInstances({ server: pair.primaryUrl, replicaOf: (url) => onReplica(pair.replicaUrl, url), cleanups }));
});
