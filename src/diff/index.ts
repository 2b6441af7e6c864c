// diff: what changed between two dumps, service port by service port.

export { diffService, diffTopologies } from "./diff.ts";
export { formatDiffJson, formatDiffText } from "./format.ts";
export type * from "./types.ts";
