/**
 * Given events in the log, when projected, then rows — for any read models, on the test
 * database, through the real projector (the way deciderSpec runs a decider). Call it at the
 * top of a test file: it opens the database and starts the projector before the tests.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { Consistency } from "../../src/core/consistency.js";
import type { DomainEvent } from "../../src/core/events.js";
import { Notifier } from "../../src/core/notifier.js";
import type { ReadModel } from "../../src/core/projection.js";
import { Projector } from "../../src/core/projector.js";
import { appendGiven, useTestDatabase } from "./database.js";

export function projectionSpec(readModels: readonly ReadModel[], options: { batchSize?: number } = {}) {
  const database = useTestDatabase();
  const notifier = new Notifier();
  let projector: Projector | undefined;
  const versions = new Map<string, number>();
  let last = 0n;

  beforeAll(async () => {
    projector = new Projector(database.db, database.store, notifier, readModels, { batchSize: options.batchSize ?? 3 });
    await projector.start();
  });
  afterAll(async () => {
    await projector?.stop();
  });

  return {
    database,
    notifier,
    /** Appends events to a stream, after those given to it before, as its module would have decided them; the last event's position. */
    async given(streamType: string, streamId: string, ...events: DomainEvent[]): Promise<bigint> {
      const version = versions.get(streamId) ?? 0;
      const { position } = await appendGiven(database.store, streamType, streamId, version, events);
      versions.set(streamId, version + events.length);
      last = position;
      return position;
    },
    /** Waits until every read model has applied everything given so far. */
    async projected(): Promise<bigint> {
      projector!.watcher.poke();
      expect(await new Consistency(notifier, 10_000).caughtUp(projector!.names, last), "every read model caught up").toBe(true);
      return last;
    },
  };
}
