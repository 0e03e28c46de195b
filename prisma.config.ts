// Prisma CLI configuration. The CLI runs offline on its bundled WASM engines only when a
// driver adapter is configured (engine "js") and DATABASE_URL is a well-formed URL, even
// where the adapter ignores it. See ../shared/TOOLCHAIN.md.
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "postgresql://localhost:5432/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    if (process.env.CATCHUP_PRISMA_CLI_URL) {
      return new PrismaPg({ connectionString: process.env.CATCHUP_PRISMA_CLI_URL });
    }
    // No server given: an in-memory PGlite is enough for `migrate diff` and `generate`.
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    // Typed against an older @prisma/driver-adapter-utils; the runtime interface is the same.
    return new PrismaPGlite(new PGlite()) as unknown as InstanceType<typeof PrismaPg>;
  },
});
