// A warm tick's topology: the last one with each endpoint's packets and bytes re-read from the new dump's
// counters (Endpoint.counterSource). Only valid when the new dump matched the old one's skeleton. Endpoints
// and services whose counters did not move are the same objects as before.

import type { Endpoint, Service, Topology } from "../model/types.ts";
import type { TickCounters } from "./dump-skeleton.ts";

const sum = new Float64Array(2);

// Written out field by field (a spread of these wide objects is several times slower); Required<> makes a field
// added to Endpoint or Service a compile error here instead of a field lost on warm ticks.
function withCounts(
  e: Endpoint,
  packets: number | null,
  bytes: number | null,
  counterSource = e.counterSource,
): Endpoint {
  const out: Required<Endpoint> = {
    address: e.address,
    chain: e.chain,
    probability: e.probability,
    rawProbability: e.rawProbability,
    localProbability: e.localProbability,
    packets,
    bytes,
    local: e.local,
    line: e.line,
    addressSource: e.addressSource!,
    localRawProbability: e.localRawProbability!,
    inServiceChain: e.inServiceChain!,
    counterSource: counterSource!,
  };
  return out;
}

function withEndpoints(s: Service, endpoints: readonly Endpoint[]): Service {
  const out: Required<Service> = {
    name: s.name,
    namespace: s.namespace,
    protocol: s.protocol,
    clusterIP: s.clusterIP,
    port: s.port,
    nodePorts: s.nodePorts,
    externalIPs: s.externalIPs,
    loadBalancerIPs: s.loadBalancerIPs,
    sourceRanges: s.sourceRanges,
    affinitySeconds: s.affinitySeconds,
    type: s.type,
    chains: s.chains,
    endpoints,
    findings: s.findings,
    healthCheckNodePort: s.healthCheckNodePort!,
    nameSource: s.nameSource!,
    incomplete: s.incomplete!,
  };
  return out;
}

function refreshed(e: Endpoint, tick: TickCounters): Endpoint {
  const src = e.counterSource;
  if (!src) return e;
  if (!tick.sum(src.table, src.rules, sum)) return withCounts(e, null, null, null);
  const packets = sum[0]!;
  const bytes = sum[1]!;
  return packets === e.packets && bytes === e.bytes ? e : withCounts(e, packets, bytes);
}

function refreshedService(s: Service, tick: TickCounters): Service {
  let endpoints: Endpoint[] | null = null;
  const list = s.endpoints;
  for (let i = 0; i < list.length; i++) {
    const e = refreshed(list[i]!, tick);
    if (e !== list[i] && endpoints === null) endpoints = list.slice(0, i);
    endpoints?.push(e);
  }
  return endpoints === null ? s : withEndpoints(s, endpoints);
}

/** `last` (a topology of the skeleton's rules) with the counters of the dump that matched the skeleton. */
export function withTickCounters(last: Topology, tick: TickCounters): Topology {
  return { ...last, services: last.services.map((s) => refreshedService(s, tick)) };
}
