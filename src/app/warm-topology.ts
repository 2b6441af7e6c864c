// A warm tick's topology: the last full rebuild with each endpoint's packets and bytes re-read from the new
// dump's counters (Endpoint.counterSource). Only valid when the new dump matched the old one's skeleton.

import type { Endpoint, Service, Topology } from "../model/types.ts";
import type { TickCounters } from "./dump-skeleton.ts";

function refreshed(e: Endpoint, tick: TickCounters): Endpoint {
  const src = e.counterSource;
  if (!src) return e;
  let packets = 0;
  let bytes = 0;
  for (const i of src.rules) {
    const c = tick.counters(src.table, i);
    if (c === null) return { ...e, packets: null, bytes: null, counterSource: null };
    packets += c.packets;
    bytes += c.bytes;
  }
  return { ...e, packets, bytes };
}

/** `base` (the topology of the skeleton's dump) with the counters of the dump that matched it. */
export function withTickCounters(base: Topology, tick: TickCounters): Topology {
  const services = base.services.map((s): Service => ({ ...s, endpoints: s.endpoints.map((e) => refreshed(e, tick)) }));
  return { ...base, services };
}
