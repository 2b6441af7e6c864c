// A warm tick's topology: the last one with each endpoint's packets and bytes re-read from the new dump's
// counters. Which counters feed which endpoint (Endpoint.counterSource) is resolved once per full rebuild into a
// plan of skeleton cuts, so the parsed dump can be let go. Endpoints and services whose counters did not move
// are the same objects as before.

import type { ParsedDump } from "../../grammar/types.ts";
import type { Endpoint, Service, Topology } from "../model/types.ts";
import type { DumpSkeleton } from "./dump-skeleton.ts";

// Written out field by field (a spread of these wide objects is several times slower); Required<> makes a field
// added to Endpoint or Service a compile error here instead of a field lost on warm ticks.
function withCounts(e: Endpoint, packets: number, bytes: number): Endpoint {
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
    counterSource: e.counterSource!,
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

/** Where each endpoint of one topology reads its counters in a dump that matched the skeleton. */
export class CounterPlan {
  /** Endpoint i (in service, then endpoint order) sums refs[start[i], start[i + 1]); none: keeps its counters. */
  private readonly start: Int32Array;
  /** Places in the skeleton's values (DumpSkeleton.want). */
  private readonly refs: Int32Array;
  /** Each endpoint's packets after the last refresh (NaN for null), in the plan's order: see stats Sample.counters. */
  readonly packets: Float64Array;

  private constructor(start: Int32Array, refs: Int32Array) {
    this.start = start;
    this.refs = refs;
    this.packets = new Float64Array(start.length - 1);
  }

  /** The plan for `topology` = buildTopology(dump); null when an endpoint's counters cannot be traced to rules. */
  static of(topology: Topology, dump: ParsedDump, skeleton: DumpSkeleton): CounterPlan | null {
    const tables = new Map(dump.tables.map((t) => [t.name, t.rules]));
    const start: number[] = [0];
    const refs: number[] = [];
    for (const service of topology.services) {
      for (const endpoint of service.endpoints) {
        const source = endpoint.counterSource;
        if (source) {
          const rules = tables.get(source.table);
          if (rules === undefined || source.rules.length === 0) return null;
          for (const index of source.rules) {
            const rule = rules[index];
            const place = rule === undefined ? -1 : skeleton.want(rule.line, rule.counters);
            if (place < 0) return null;
            refs.push(place);
          }
        }
        start.push(refs.length);
      }
    }
    return new CounterPlan(Int32Array.from(start), Int32Array.from(refs));
  }

  /**
   * `last` (the plan's topology, or a refresh of it) with the counters `values` (as DumpSkeleton.match gives
   * them); unchanged services are the same objects.
   */
  refresh(last: Topology, values: Float64Array): Topology {
    const { start, refs, packets: out } = this;
    const services = last.services;
    let changed: Service[] | null = null;
    let k = 0;
    for (let s = 0; s < services.length; s++) {
      const service = services[s]!;
      const list = service.endpoints;
      let endpoints: Endpoint[] | null = null;
      for (let i = 0; i < list.length; i++, k++) {
        const e = list[i]!;
        const a = start[k]!;
        const b = start[k + 1]!;
        if (a === b) {
          out[k] = e.packets ?? Number.NaN;
          continue;
        }
        // summed from 0 in rule order, as the model sums them, so the doubles come out the same
        let packets = 0;
        let bytes = 0;
        for (let r = a; r < b; r++) {
          const at = 2 * refs[r]!;
          packets += values[at]!;
          bytes += values[at + 1]!;
        }
        out[k] = packets;
        if (packets === e.packets && bytes === e.bytes) continue;
        endpoints ??= list.slice();
        endpoints[i] = withCounts(e, packets, bytes);
      }
      if (endpoints === null) continue;
      changed ??= services.slice();
      changed[s] = withEndpoints(service, endpoints);
    }
    if (changed === null) return last;
    const topology: Required<Topology> = {
      input: last.input,
      services: changed,
      findings: last.findings,
      diagnostics: last.diagnostics,
      era: last.era,
    };
    return topology;
  }
}
