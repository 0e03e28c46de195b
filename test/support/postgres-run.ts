/**
 * Global setup of the postgres test project: names this run's databases and, at the end,
 * drops every database the run created (also those of a test file that crashed).
 */
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    postgresRunPrefix: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_POSTGRES_URL!;
  const prefix = `catchup_test_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
    await admin.query("SELECT 1");
  } catch (error) {
    throw new Error(`TEST_POSTGRES_URL is set but PostgreSQL is unreachable at ${url}: ${(error as Error).message}`, { cause: error });
  } finally {
    await admin.end().catch(() => {});
  }
  project.provide("postgresRunPrefix", prefix);
  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
  };
}
