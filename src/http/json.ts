/**
 * JSON.parse is recursive: a body of a million nested brackets costs it ~370 ms of the event
 * loop (a flat one, ~23 ms). Request bodies are read before anything else, unauthenticated,
 * so their nesting is counted first, in one pass without recursion.
 */

/** Deepest nesting a request body may have (GraphQL variables need a handful). */
export const MAX_JSON_DEPTH = 64;

/** Whether `text` nests arrays and objects deeper than `max` (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}
