// Verdicts: one sentence per service (and for the dump) saying whether it is healthy on this node, and why not.

export { liveReasons } from "./live.ts";
export { CODE_ORDER, codeRank, findingSentence } from "./sentences.ts";
export type { Verdict, VerdictReason, VerdictStatus, Verdicts } from "./types.ts";
export { dumpVerdict, verdictOf, verdictsOf, worstStatus } from "./verdict.ts";
