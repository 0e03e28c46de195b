/** The buses count the other instances listening (ClusterLink sends at once only when there are some). */
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/database.js";
import { PostgresBus, RedisBus, type Bus } from "./bus.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function started(bus: Bus): Promise<Bus> {
  await bus.start(() => {});
  cleanups.push(() => bus.close());
  return bus;
}

describe("Bus.peers", () => {
  it("PostgreSQL: counts the other instances listening on the same database", async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const url = database.url!;
    const first = await started(new PostgresBus(url));
    expect(await first.peers()).toBe(0);
    const second = await started(new PostgresBus(url));
    expect(await first.peers()).toBe(1);
    expect(await second.peers()).toBe(1);
    await second.close();
    // The closed connection's backend leaves pg_stat_activity as it exits.
    await expect.poll(() => first.peers(), { timeout: 5000 }).toBe(0);
  });

  it("Redis: counts the other subscribers of the channel", async () => {
    const url = process.env.CATCHUP_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
    const first = await started(new RedisBus(url));
    const before = (await first.peers())!;
    const second = await started(new RedisBus(url));
    expect(await first.peers()).toBe(before + 1);
    expect(await second.peers()).toBe(before + 1);
  });
});
