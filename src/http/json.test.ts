import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./json.js";

describe("nestsDeeperThan", () => {
  it("counts the brackets of arrays and objects, not those inside strings", () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan(`{"q":"${"[".repeat(100)}"}`, 3)).toBe(false);
    // An escaped quote does not end the string; an escaped backslash does not escape the quote after it.
    expect(nestsDeeperThan(`{"q":"\\" [[[[ ","x":1}`, 2)).toBe(false);
    expect(nestsDeeperThan(`{"q":"\\\\","x":[[[1]]]}`, 3)).toBe(true);
  });

  it("answers a million nested brackets without recursion", () => {
    expect(nestsDeeperThan("[".repeat(1_000_000), 64)).toBe(true);
  });
});
