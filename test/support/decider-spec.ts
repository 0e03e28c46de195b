/** Given events, when a command, then events or an error — for any decider. */
import { expect } from "vitest";
import { fold, type Command, type DecideContext, type Decider } from "../../src/core/decider.js";
import { CatchupError } from "../../src/core/errors.js";
import type { DomainEvent } from "../../src/core/events.js";

export const NOW = new Date("2026-03-04T05:06:07.000Z");

export function deciderSpec<C extends Command, E extends DomainEvent, S, Ctx extends DecideContext>(
  decider: Decider<C, E, S, Ctx>,
  defaults: Omit<Ctx, "now">,
) {
  return function given(...events: E[]) {
    const state = fold(decider, events);
    return {
      when(command: C, context: Partial<Omit<Ctx, "now">> = {}) {
        const run = () => decider.decide(command, state, { ...defaults, ...context, now: NOW } as Ctx);
        return {
          then(expected: E[]) {
            expect(run()).toEqual(expected);
          },
          thenFails(code: string, message?: RegExp) {
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught, "expected the command to be refused").toBeInstanceOf(CatchupError);
            expect((caught as CatchupError).code).toBe(code);
            if (message) expect((caught as Error).message).toMatch(message);
          },
        };
      },
    };
  };
}
