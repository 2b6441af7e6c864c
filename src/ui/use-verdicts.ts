// The verdicts of the displayed sample, computed once per sample (memoised on topology and stats identity).

import { useMemo } from "react";
import type { Shown } from "../app/state.ts";
import { type Verdicts, verdictsOf } from "../verdict/index.ts";

/** Verdicts for what is on screen; null before the first sample. Key presses and redraws reuse them. */
export function useVerdicts(shown: Shown | null): Verdicts | null {
  const topology = shown?.topology ?? null;
  const stats = shown?.stats ?? null;
  return useMemo(() => (topology ? verdictsOf(topology, stats) : null), [topology, stats]);
}
