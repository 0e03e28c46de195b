/**
 * The first command on a long stream after a restart, with and without snapshots (issue 19):
 * an account of 10,000 events, against one of 10 events (the goal: within 2× of it). Each
 * sample is a fresh application (no kept states: a restart) on the same database, which first
 * handles one command on another account (so that connections and prepared statements are
 * warm, as they are a moment after start), then the timed deposit.
 */
import { createApp, type App } from "../src/app.js";
import { callerOf } from "../src/application/command.js";
import { depositMoney, openAccount } from "../src/modules/accounts/commands.js";
import { registerCustomer } from "../src/modules/customers/commands.js";
import { createDatabase, ratio, round, summarize, type Options, type Section, MASTER_KEYS } from "./support.js";

const admin = callerOf({ role: "admin", subject: "bench" });

export async function run({ quick }: Options): Promise<Section[]> {
  const samples = quick ? 3 : 7;
  const database = await createDatabase("snapshots");
  const options = {
    masterKeys: MASTER_KEYS,
    database: { kind: "postgres" as const, url: database.url, poolSize: 4 },
    startProjections: false,
  };
  const rows: Section["rows"] = [];
  try {
    const setup = await createApp(options);
    const { streamId: customerId } = await registerCustomer(setup, admin, {
      name: "Bench Customer",
      email: "bench@example.com",
      phone: "+1 555 0100",
      address: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
    });
    const account = async (events: number) => {
      const { streamId } = await openAccount(setup, admin, { customerId });
      // The stream's deposits, appended in chunks (as many commands would have).
      for (let version = 1; version < events;) {
        const count = Math.min(500, events - version);
        const id = crypto.randomUUID();
        const result = await setup.store.append({
          streamId,
          streamType: "Account",
          expectedVersion: version,
          events: Array.from({ length: count }, () => ({ type: "MoneyDeposited", data: { accountId: streamId, amountCents: 1 } })),
          command: { id, type: "DepositMoney" },
          metadata: { commandId: id, correlationId: id, causationId: null, actor: null },
        });
        version = result.version;
      }
      return streamId;
    };
    const long = await account(10_000);
    const short = await account(10);
    const warm = await account(2);
    await setup.close();

    /** The timed first command on `accountId` of a fresh app, in ms. */
    const first = async (accountId: string, snapshots: boolean): Promise<number> => {
      const app: App = await createApp({ ...options, snapshots });
      try {
        await depositMoney(app, admin, { accountId: warm, amountCents: 1 });
        const started = performance.now();
        await depositMoney(app, admin, { accountId, amountCents: 1 });
        return performance.now() - started;
      } finally {
        await app.close();
      }
    };
    const measure = async (accountId: string, snapshots: boolean) => {
      await first(accountId, snapshots); // priming: with snapshots, this load takes the stream's first one
      const times: number[] = [];
      for (let k = 0; k < samples; k++) times.push(await first(accountId, snapshots));
      return summarize(times);
    };
    const baseline = await measure(short, true);
    const without = await measure(long, false);
    const withSnapshots = await measure(long, true);
    const row = (stream: string, summary: ReturnType<typeof summarize>, extra: Record<string, string> = {}) => ({
      stream,
      "p50 ms": round(summary.p50),
      "max ms": round(summary.max),
      "vs 10-event stream": ratio(summary.p50, baseline.p50),
      ...extra,
    });
    rows.push(row("10 events", baseline));
    rows.push(row("10,000 events, no snapshots", without));
    rows.push(
      row("10,000 events, snapshots every 100", withSnapshots, {
        goal: "≤ 2×",
        met: withSnapshots.p50 <= 2 * baseline.p50 ? "yes" : "no",
      }),
    );
  } finally {
    await database.drop();
  }
  return [
    {
      title: "First command after a restart on a long stream (PostgreSQL, depositMoney)",
      rows,
      notes: [
        `${samples} restarts per row (median and worst); each a fresh app, warmed by one command on another account`,
        "no snapshots: the load reads and folds all 10,000 events; snapshots: the latest snapshot and the events after it (at most 99)",
      ],
    },
  ];
}
