// Warm ticks: when only counters changed between two dumps, copy the new counters into the old topology.

import type { ParsedDump, Table } from "../../grammar/types.ts";
import type { Endpoint, Service, Topology } from "./types.ts";

function sameTable(a: Table, b: Table): boolean {
  if (a.name !== b.name || a.rules.length !== b.rules.length || a.chains.size !== b.chains.size) return false;
  if (a.committed !== b.committed || a.deletedChains.length !== b.deletedChains.length) return false;
  for (const name of a.chains.keys()) if (!b.chains.has(name)) return false;
  for (let i = 0; i < a.rules.length; i++) {
    const x = a.rules[i]!;
    const y = b.rules[i]!;
    // A command cache (grammar/command-cache.ts) hands out the same options for the same text.
    if (x.options !== y.options && (x.raw !== y.raw || x.chain !== y.chain)) return false;
  }
  return true;
}

/** True when two dumps hold the same tables, chains and rule texts in the same order (counters may differ). */
export function sameRules(a: ParsedDump, b: ParsedDump): boolean {
  if (a.tables.length !== b.tables.length || a.format !== b.format) return false;
  if (a.legacyTablesWarning !== b.legacyTablesWarning || a.diagnostics.length !== b.diagnostics.length) return false;
  for (let i = 0; i < a.tables.length; i++) if (!sameTable(a.tables[i]!, b.tables[i]!)) return false;
  return true;
}

function refreshed(e: Endpoint, dump: ParsedDump): Endpoint {
  const src = e.counterSource;
  if (!src) return e;
  const table = dump.tables.find((t) => t.name === src.table);
  let packets = 0;
  let bytes = 0;
  for (const i of src.rules) {
    const c = table?.rules[i]?.counters ?? null;
    if (c === null) return { ...e, packets: null, bytes: null };
    packets += c.packets;
    bytes += c.bytes;
  }
  return { ...e, packets, bytes };
}

/**
 * The topology of `next` without rebuilding it: `topology` must come from a dump with the same rules
 * (check with sameRules), so only packets/bytes change, read from each endpoint's counterSource.
 */
export function refreshCounters(topology: Topology, next: ParsedDump): Topology {
  const services = topology.services.map(
    (s): Service => ({ ...s, endpoints: s.endpoints.map((e) => refreshed(e, next)) }),
  );
  return { ...topology, services };
}
