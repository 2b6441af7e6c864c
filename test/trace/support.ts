// Shared by trace tests: fixture dumps from ../shared (when present) and a terse way to trace a packet.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDump } from "../../grammar/index.ts";
import type { ParsedDump } from "../../grammar/types.ts";
import { trace } from "../../src/trace/index.ts";
import type { Packet, TraceResult } from "../../src/trace/types.ts";
import { sharedFixtures } from "../support/paths.ts";

/** Node addresses of kube-proxy's own test setup (TestOverallIPTablesRules.expected.md). */
export const NODE_IPS = ["192.168.0.2", "192.168.1.2", "192.168.99.11"];

/** A parsed era3 fixture, or null when ../shared/fixtures is absent. */
export function era3(name: string): ParsedDump | null {
  if (!sharedFixtures) return null;
  return parseDump(readFileSync(join(sharedFixtures, "kube-proxy-tests/era3-2025-newest", name), "utf8"));
}

/** A parsed fixture at a path below kube-proxy-tests, or null when ../shared/fixtures is absent. */
export function fixture(path: string): ParsedDump | null {
  if (!sharedFixtures) return null;
  return parseDump(readFileSync(join(sharedFixtures, "kube-proxy-tests", path), "utf8"));
}

export const SKIP_NOTE = sharedFixtures ? "" : " (skipped: ../shared/fixtures is absent)";

/** Traces `src → dst:dport/tcp` with the test node's addresses unless overridden. */
export function tr(dump: ParsedDump, src: string | null, to: string, extra: Partial<Packet> = {}): TraceResult {
  const [dst, port] = to.startsWith("[")
    ? [to.slice(1, to.indexOf("]")), to.slice(to.indexOf("]") + 2)]
    : to.split(":");
  return trace(dump, {
    dst: dst!,
    dport: Number(port),
    proto: "tcp",
    src,
    fromLocal: false,
    nodeIPs: NODE_IPS,
    ...extra,
  });
}

/** Endpoint address → share, rounded to 4 decimals. */
export function shares(r: TraceResult): Record<string, number> {
  return Object.fromEntries(r.endpoints.map((e) => [e.address, Math.round(e.share * 1e4) / 1e4]));
}
