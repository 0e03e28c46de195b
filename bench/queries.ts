/**
 * Queries on realistic data (seeded through the real command pipeline): orderSummary(id)
 * against its floor (a bare Apollo Server reading the same row with plain pg), and
 * customerOrders(first: 50) with nested customer and products; and orderSummary(id) again
 * with the catchup-position header (every read waits for that position: here, one already
 * applied, so what it costs is the header's own path), next to the plain query. Then the
 * read side's lists: staff's filtered list, and order search as people type it, against the
 * same search on the bare server (its floor); and the search's latency beside orderSummary's,
 * one request at a time, on both servers.
 */
import { createApp } from "../src/app.js";
import { seed } from "../scripts/seeding.js";
import {
  createDatabase,
  gql,
  load,
  ratio,
  round,
  startCatchup,
  startProcess,
  summarize,
  type LoadResult,
  type Summary,
  type Options,
  type Section,
  MASTER_KEYS,
} from "./support.js";

const ORDER_FIELDS =
  "id customerId customerName customerEmail items { productId productName quantity unitPriceCents } itemCount productNames totalCents status createdAt shippedAt version position";

export async function run({ quick }: Options): Promise<Section[]> {
  const seconds = quick ? 5 : 15;
  const pairs = quick ? 300 : 1000; // lookups and searches one at a time
  const database = await createDatabase("queries");
  try {
    // Seed without projections; the server builds them on start.
    const app = await createApp({
      masterKeys: MASTER_KEYS,
      database: { kind: "postgres", url: database.url, poolSize: 16 },
      startProjections: false,
    });
    const seeded = await seed(
      app,
      quick ? { customers: 600, orders: 5000, concurrency: 16 } : { customers: 5000, orders: 50_000, concurrency: 16 },
    );
    await app.close();

    const server = await startCatchup(database.url);
    try {
      // Wait until every projection has the whole log (polling is fine in a benchmark).
      for (;;) {
        const { projections } = await gql<{ projections: { lag: number; position: string; headPosition: string }[] }>(
          server.url,
          "{ projections { lag position headPosition } }",
        );
        if (projections.every((p) => p.lag === 0 && BigInt(p.position) >= BigInt(seeded.events))) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const orderBodies = seeded.orderIds
        .slice(0, 1000)
        .map((id) => ({ query: `query($id: ID!) { orderSummary(id: $id) { ${ORDER_FIELDS} } }`, variables: { id } }));
      const customerBodies = seeded.customerIds.slice(0, 500).map((customerId) => ({
        query: `query($c: ID!) { customerOrders(customerId: $c, first: 50) { totalCount lifetimeTotalCents edges { node {
                  id totalCents status customer { id name email } items { quantity product { id sku name priceCents } } } } } }`,
        variables: { c: customerId },
      }));
      await load(server.url, orderBodies, 8, 1); // warm up
      // Plain and with the header, in turns, so that drift on this machine falls on both.
      const header = { "catchup-position": String(seeded.events) };
      const plainRuns = [];
      const headerRuns = [];
      for (let turn = 0; turn < 2; turn++) {
        plainRuns.push(await load(server.url, orderBodies, 32, seconds));
        headerRuns.push(await load(server.url, orderBodies, 32, seconds, header));
      }
      const ours = mean(plainRuns);
      const withHeader = mean(headerRuns);
      const nested = await load(server.url, customerBodies, 32, seconds);
      // The read side's lists: staff's filtered list, and full-text search as people type it.
      const listFields = "totalCount edges { node { id status totalCents customerName createdAt } } pageInfo { hasNextPage endCursor }";
      const statuses = ["CREATED", "SHIPPED", "CANCELLED"];
      const since = new Date(Date.now() - 3_600_000).toISOString();
      const filterBodies = statuses.flatMap((status) => [
        { query: `{ orders(filter: { status: ${status} }, first: 20) { ${listFields} } }` },
        { query: `{ orders(filter: { status: ${status}, createdFrom: "${since}" }, last: 20) { ${listFields} } }` },
      ]);
      const uncounted = listFields.replace("totalCount ", "");
      const searchBodies = (fields: string, texts = searchTexts(seeded.orderIds)) =>
        texts.map((search) => ({
          query: `query($s: String!) { orders(search: $s, first: 20) { ${fields} } }`,
          variables: { s: search },
        }));
      const filtered = await load(server.url, filterBodies, 32, seconds);
      // As a search box asks (no count), and with totalCount (every match counted, every page).
      const searched = await load(server.url, searchBodies(uncounted), 32, seconds);
      const searchedCounted = await load(server.url, searchBodies(listFields), 32, seconds);
      // An id's first group alone: the seed's ids span a few of these 65-second windows, so
      // each matches thousands of orders, most of them older than the rest (see idGroups).
      const groups = idGroups(seeded.orderIds);
      const searchedGroups = await load(
        server.url,
        searchBodies(
          uncounted,
          groups.map(({ group }) => group),
        ),
        32,
        seconds,
      );
      // Latency as one client sees it, with nothing queued: one request at a time, a lookup
      // and a search in turns (at 32 connections, p99 is mostly the queue: CPU per request).
      const alone = await oneAtATime(server.url, orderBodies, searchBodies(uncounted), pairs);
      await server.stop();

      const floorServer = await startProcess("bench/floor-server.ts", { DATABASE_URL: database.url });
      let floor;
      let floorSearched;
      let floorAlone;
      try {
        await load(floorServer.url, orderBodies, 8, 1);
        floor = await load(floorServer.url, orderBodies, 32, seconds);
        // The same searches on the bare server: the page and its summaries in one statement.
        floorSearched = await load(floorServer.url, searchBodies(uncounted), 32, seconds);
        floorAlone = await oneAtATime(floorServer.url, orderBodies, searchBodies(uncounted), pairs);
      } finally {
        await floorServer.stop();
      }
      const met = ours.requestsPerSecond >= 0.7 * floor.requestsPerSecond;
      return [
        {
          title: `Queries (PostgreSQL, ${seeded.events.toLocaleString("en")} events of seeded data, 32 connections)`,
          rows: [
            {
              query: "orderSummary(id)",
              "requests/s": ours.requestsPerSecond,
              "p50 ms": ours.p50,
              "p99 ms": ours.p99,
              "floor requests/s": floor.requestsPerSecond,
              "floor p99 ms": floor.p99,
              "vs floor": ratio(ours.requestsPerSecond, floor.requestsPerSecond),
              goal: "≥ 0.7×",
              met: met ? "yes" : "no",
              errors: ours.errors + ours.graphqlErrors,
            },
            {
              query: "orderSummary(id), catchup-position header",
              "requests/s": withHeader.requestsPerSecond,
              "p50 ms": withHeader.p50,
              "p99 ms": withHeader.p99,
              "floor requests/s": ours.requestsPerSecond,
              "floor p99 ms": ours.p99,
              "vs floor": ratio(withHeader.requestsPerSecond, ours.requestsPerSecond),
              goal: "≥ 0.95× plain",
              met: withHeader.requestsPerSecond >= 0.95 * ours.requestsPerSecond ? "yes" : "no",
              errors: withHeader.errors + withHeader.graphqlErrors,
            },
            {
              query: "orders(filter: status [, createdFrom], first|last: 20)",
              "requests/s": filtered.requestsPerSecond,
              "p50 ms": filtered.p50,
              "p99 ms": filtered.p99,
              "floor requests/s": ours.requestsPerSecond,
              "floor p99 ms": ours.p99,
              "vs floor": ratio(filtered.requestsPerSecond, ours.requestsPerSecond),
              goal: "",
              met: "",
              errors: filtered.errors + filtered.graphqlErrors,
            },
            {
              query: "orders(search: …, first: 20) { totalCount … }",
              "requests/s": searchedCounted.requestsPerSecond,
              "p50 ms": searchedCounted.p50,
              "p99 ms": searchedCounted.p99,
              "floor requests/s": ours.requestsPerSecond,
              "floor p99 ms": ours.p99,
              "vs floor": ratio(searchedCounted.requestsPerSecond, ours.requestsPerSecond),
              goal: "",
              met: "",
              errors: searchedCounted.errors + searchedCounted.graphqlErrors,
            },
            {
              query: "orders(search: names, emails, products, ids as typed, first: 20)",
              "requests/s": searched.requestsPerSecond,
              "p50 ms": searched.p50,
              "p99 ms": searched.p99,
              "floor requests/s": ours.requestsPerSecond,
              "floor p99 ms": ours.p99,
              "vs floor": ratio(searched.requestsPerSecond, ours.requestsPerSecond),
              goal: "",
              met: "",
              errors: searched.errors + searched.graphqlErrors,
            },
            {
              query: "orders(search: as typed, first: 20), one request at a time, beside orderSummary(id) in turns",
              "requests/s": "",
              "p50 ms": alone.b.p50,
              "p99 ms": alone.b.p99,
              "floor requests/s": "",
              "floor p99 ms": alone.a.p99,
              "vs floor": `${round(alone.b.p99 / alone.a.p99)}× (p99)`,
              goal: "p99 ≤ 3× orderSummary p99",
              met: alone.b.p99 <= 3 * alone.a.p99 ? "yes" : "no",
              errors: alone.errors,
            },
            {
              query: "the same on the bare server",
              "requests/s": "",
              "p50 ms": floorAlone.b.p50,
              "p99 ms": floorAlone.b.p99,
              "floor requests/s": "",
              "floor p99 ms": floorAlone.a.p99,
              "vs floor": `${round(floorAlone.b.p99 / floorAlone.a.p99)}× (p99)`,
              goal: "",
              met: "",
              errors: floorAlone.errors,
            },
            {
              query: "orders(search: as typed, first: 20) against the same search on the bare server",
              "requests/s": searched.requestsPerSecond,
              "p50 ms": searched.p50,
              "p99 ms": searched.p99,
              "floor requests/s": floorSearched.requestsPerSecond,
              "floor p99 ms": floorSearched.p99,
              "vs floor": ratio(searched.requestsPerSecond, floorSearched.requestsPerSecond),
              goal: "",
              met: "",
              errors: searched.errors + searched.graphqlErrors + floorSearched.errors + floorSearched.graphqlErrors,
            },
            {
              query: `orders(search: an order id's first group: ${groups.map(({ matches }) => matches.toLocaleString("en")).join(" / ")} orders)`,
              "requests/s": searchedGroups.requestsPerSecond,
              "p50 ms": searchedGroups.p50,
              "p99 ms": searchedGroups.p99,
              "floor requests/s": ours.requestsPerSecond,
              "floor p99 ms": ours.p99,
              "vs floor": ratio(searchedGroups.requestsPerSecond, ours.requestsPerSecond),
              goal: "",
              met: "",
              errors: searchedGroups.errors + searchedGroups.graphqlErrors,
            },
            {
              query: "customerOrders(first: 50) + customer + items.product",
              "requests/s": nested.requestsPerSecond,
              "p50 ms": nested.p50,
              "p99 ms": nested.p99,
              "floor requests/s": "",
              "floor p99 ms": "",
              "vs floor": "",
              goal: "",
              met: "",
              errors: nested.errors + nested.graphqlErrors,
            },
          ],
          notes: [
            `seeded ${seeded.customerIds.length} customers, ${seeded.orderIds.length} orders in ${seeded.seconds.toFixed(0)} s through the command pipeline`,
            `${seconds} s per cell with autocannon in its own process; floor = bare Apollo Server + plain pg by primary key (bench/floor-server.ts)`,
            `orderSummary plain and with the header: mean of 2 turns each, taken in alternation; the header row's "floor" is the plain query`,
            `orders rows: their "floor" is orderSummary(id) on the same server; searches rotate full names, a name and a prefix, an email's parts, a product word and a prefix, an order id's start as typed (its first group, a hyphen, two more digits)`,
            `the search's own floor: the bare server running the same search (the newest 201 matches, ranked when they are all) and reading the page's order summaries, in one statement; at 32 connections its p99 is ${round(floorSearched.p99 / floor.p99, 1)}× its orderSummary's p99: there p99 is mostly time queued, so the ratio is that of CPU per request, and a search does several times a lookup's work`,
            `one request at a time (the goal's rows): ${pairs} orderSummary(id) and as many searches in turns from one client, nothing queued: the latency a user sees`,
            `an order id's first group alone (8 hex digits) is the top of its UUIDv7 timestamp: a 65-second window of orders. The seed makes its ${seeded.orderIds.length.toLocaleString("en")} orders within a few minutes, so each window holds thousands of them (the counts above), and newest first walks past every newer order to find them; in a log that grew over months, a window holds a minute's orders`,
          ],
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

/**
 * `pairs` requests of `a` and of `b` in turns, one at a time from this process (nothing
 * queued at the server): the latency of each, as one client sees it.
 */
async function oneAtATime(url: string, a: Body[], b: Body[], pairs: number): Promise<{ a: Summary; b: Summary; errors: number }> {
  const latencies: [number[], number[]] = [[], []];
  let errors = 0;
  for (let i = 0; i < pairs; i++) {
    for (const [side, body] of [a[i % a.length]!, b[i % b.length]!].entries()) {
      const started = performance.now();
      await gql(url, body.query, body.variables).catch(() => errors++);
      latencies[side]!.push(performance.now() - started);
    }
  }
  return { a: summarize(latencies[0]), b: summarize(latencies[1]), errors };
}

interface Body {
  query: string;
  variables: Record<string, unknown>;
}

/** What people type into an order search box, over the seed's names and products (scripts/seeding.ts). */
function searchTexts(orderIds: readonly string[]): string[] {
  const people = ["grace hopper", "ada lovelace", "alan turi", "knuth", "barbara lis", "tim berners-lee"];
  const emails = ["frances.allen", "ken.thompson@example", "margaret.hamilton.12"];
  const goods = ["teapot", "blue mug", "oak desk", "kett", "travel backp", "steel lamp -mini"];
  const ids = orderIds.slice(0, 6).map((id) => id.slice(0, 11));
  return [...people, ...emails, ...goods, ...ids];
}

/** The first group of each order id's 65-second window (oldest window first), and how many of the seeded orders it holds. */
function idGroups(orderIds: readonly string[]): { group: string; matches: number }[] {
  const counts = new Map<string, number>();
  for (const id of orderIds) counts.set(id.slice(0, 8), (counts.get(id.slice(0, 8)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([group, matches]) => ({ group, matches }));
}

/** The mean of several runs of one cell. */
function mean(runs: LoadResult[]): LoadResult {
  const average = (pick: (run: LoadResult) => number) => Math.round(runs.reduce((sum, run) => sum + pick(run), 0) / runs.length);
  return {
    requestsPerSecond: average((run) => run.requestsPerSecond),
    p50: average((run) => run.p50),
    p99: average((run) => run.p99),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    graphqlErrors: runs.reduce((sum, run) => sum + run.graphqlErrors, 0),
  };
}
