/**
 * Global setup of the replicas project: a primary and a streaming replica of the run's own
 * (test/support/replica-pair.ts), the replica applying each transaction 300 ms after its
 * commit (recovery_min_apply_delay), so that a read there without a wait is stale.
 */
import type { TestProject } from "vitest/node";
import { startReplicaPair } from "../support/replica-pair.js";

declare module "vitest" {
  export interface ProvidedContext {
    replicaPair: { primaryUrl: string; replicaUrl: string; dir: string };
  }
}

/** The replica's recovery_min_apply_delay. */
export const APPLY_DELAY_MS = 300;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pair = await startReplicaPair({ applyDelayMs: APPLY_DELAY_MS });
  project.provide("replicaPair", { primaryUrl: pair.primaryUrl, replicaUrl: pair.replicaUrl, dir: pair.dir });
  return async () => pair.close();
}
