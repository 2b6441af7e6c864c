// trace: the path of one packet through kube-proxy's rules, branch by branch, with the final verdict.

export { clean } from "./clean.ts";
export { formatTraceJson, formatTraceText, traceJson } from "./format.ts";
export { parsePacketTarget } from "./packet.ts";
export { trace } from "./trace.ts";
export type { Packet, Protocol, TraceBranch, TraceEndpoint, TraceResult, TraceStep, VerdictKind } from "./types.ts";
