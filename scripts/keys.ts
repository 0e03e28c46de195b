/**
 * npm run keys -- status | rewrap
 *
 * The data keys customers' personal data is sealed under (README "Evolving events and
 * erasing data"). `status` counts them; `rewrap`, the last step of a master key rotation, wraps
 * every key under CATCHUP_MASTER_KEY (the new key), opening each with it or one of
 * CATCHUP_PREVIOUS_MASTER_KEYS, in one transaction. It opens the database itself: on the
 * embedded database, stop the server first.
 */
import { createApp, databaseOptions, masterKeysOf } from "../src/app.js";
import { ConfigError, loadConfig } from "../src/config.js";

async function main(): Promise<number> {
  const command = process.argv[2];
  if (command !== "status" && command !== "rewrap") {
    console.error("usage: npm run keys -- status | rewrap");
    return 2;
  }
  const config = loadConfig();
  const app = await createApp({ database: databaseOptions(config), masterKeys: masterKeysOf(config), startProjections: false });
  try {
    const keys = app.store.personal?.keys;
    if (!keys) throw new Error("no event type declares personal data: there are no keys");
    if (command === "status") {
      const [row] = await app.db.sql.query<{ live: number; forgotten: number }>(
        "SELECT count(*) FILTER (WHERE wrapped_key IS NOT NULL)::int AS live, count(*) FILTER (WHERE wrapped_key IS NULL)::int AS forgotten FROM data_keys",
      );
      console.log(`${row!.live} data keys, ${row!.forgotten} subjects forgotten (their keys deleted)`);
      return 0;
    }
    const rewrapped = await app.db.sql.transaction((tx) => keys.rewrapAll((text, params) => tx.query(text, params)));
    console.log(`Rewrapped ${rewrapped} data keys under CATCHUP_MASTER_KEY: CATCHUP_PREVIOUS_MASTER_KEYS can go now`);
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`keys: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
