/**
 * The order test files start in: Vitest's (failed first, then longest by its cache, else
 * largest), except that the files known to take longest start first, across projects. A
 * fresh clone (CI) has no cache, and by size the process test started last and ran alone
 * for its last minute.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The slowest files, slowest first (seconds each on a 2-core machine: 55, 50, 32, 16, 15). */
const SLOWEST = [
  "test/process.test.ts",
  "test/client.db.test.ts",
  "test/extreme-values.db.test.ts",
  "test/readme.db.test.ts",
  "test/api/fuzz-arguments.db.test.ts",
];

export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = SLOWEST.findIndex((file) => spec.moduleId.endsWith(file));
      return at < 0 ? SLOWEST.length : at;
    };
    return sorted
      .map((spec, index) => ({ spec, index, rank: rank(spec) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
