/** What a projection runner does about an error its loop caught. */
import { describe, expect, it } from "vitest";
import { CheckpointMoved } from "./projection-checkpoint.js";
import { recoveryFor } from "./projection-failures.js";

/** An error as the driver gives it (pg and PGlite both set severity and code). */
const sqlError = (code: string) => Object.assign(new Error("from the database"), { severity: "ERROR", code });

describe("recoveryFor", () => {
  it("resyncs after a moved checkpoint, a deadlock or a serialization failure (another writer's doing)", () => {
    expect(recoveryFor(new CheckpointMoved("moved"))).toBe("resync");
    expect(recoveryFor(sqlError("40P01"))).toBe("resync");
    expect(recoveryFor(sqlError("40001"))).toBe("resync");
  });

  it("stops on anything the projection itself did: a constraint, a bug", () => {
    expect(recoveryFor(sqlError("23514"))).toBe("stop");
    expect(recoveryFor(new TypeError("undefined is not a function"))).toBe("stop");
  });
});
