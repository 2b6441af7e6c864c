// A full garbage collection on purpose. A cold rebuild of a large dump leaves tens of MB of parse and model
// garbage that V8 collects only once the heap has grown past it; collecting it before the rest of the rebuild
// (skeleton, counter plan, stats) keeps the peak RSS of a first poll ~20–30 MB lower, for ~90 ms at 10k services.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Dump texts from this many UTF-16 units (~2,000 services) on are worth a collection after their rebuild. */
export const COLLECT_FROM_CHARS = 4_000_000;

let gc: (() => void) | null | undefined;

/** Runs a full GC (V8's `gc`, exposed once); false where it cannot be had. */
export function collectGarbage(): boolean {
  if (gc === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      // a new context gets the flag's `gc` function; one is kept for the process
      const found: unknown = runInNewContext("typeof gc === 'function' ? gc : null");
      gc = typeof found === "function" ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  if (gc === null) return false;
  gc();
  return true;
}
