import { createApp } from "../src/app.js";
import { callerOf } from "../src/application/command.js";
import { registerCustomer } from "../src/modules/customers/commands.js";
import { openAccount, depositMoney } from "../src/modules/accounts/commands.js";
import { createDatabase, MASTER_KEYS } from "./support.js";

const database = await createDatabase("strongtl");
const app = await createApp({ masterKeys: MASTER_KEYS, database: { kind: "postgres", url: database.url, poolSize: 10 } });
try {
  const admin = callerOf({ role: "admin", subject: "t" } as never);
  const services = app as never;
  const c = await registerCustomer(services, admin, { name: "A B", email: `x${Date.now()}@e.com`, phone: "+1 555 0100", address: { line1: "1", city: "c", postalCode: "1", country: "US" } } as never, "STRONG");
  const a = await openAccount(services, admin, { customerId: c.streamId } as never, "STRONG");
  const names = app.projector.names;
  const per = new Map<string, number[]>(names.map((n) => [n, []]));
  const all: number[] = [];
  for (let i = 0; i < 400; i++) {
    const r = await depositMoney(services, admin, { accountId: a.streamId, amountCents: 1 } as never, "EVENTUAL");
    const t0 = performance.now();
    await Promise.all(names.map((n) => app.notifier.waitForCheckpoint(n, r.position).reached.then(() => { if (i >= 50) per.get(n)!.push(performance.now() - t0); })));
    if (i >= 50) all.push(performance.now() - t0);
    await new Promise((res) => setTimeout(res, 2));
  }
  const med = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!.toFixed(2);
  for (const [n, xs] of per) console.log(n.padEnd(20), med(xs));
  console.log("all".padEnd(20), med(all));
} finally {
  await app.close();
  await database.drop();
}
