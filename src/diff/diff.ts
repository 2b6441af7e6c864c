// diffTopologies: two topologies (e.g. before and after a sync, or two nodes) compared service port by service port.

import type { Endpoint, Finding, Service, Topology } from "../model/types.ts";
import type {
  ChainChange,
  ChainKind,
  CounterDelta,
  EndpointRef,
  FieldChange,
  ServiceCounters,
  ServiceDiff,
  ServiceRef,
  ShareChange,
  TopologyDiff,
} from "./types.ts";

/** Shares closer than this are the same (11-decimal vs 10-decimal probabilities). */
const SHARE_EPSILON = 1e-6;
const CHAIN_KINDS: readonly Exclude<ChainKind, "sep">[] = ["svc", "svl", "ext", "fw", "xlb"];

function ref(s: Service): ServiceRef {
  return { name: s.name, protocol: s.protocol, clusterIP: s.clusterIP, port: s.port, endpoints: s.endpoints.length };
}

function endpointId(e: Endpoint, i: number): string {
  return e.address ?? e.chain ?? `#${i}`;
}

function endpointRef(e: Endpoint): EndpointRef {
  return { address: e.address, chain: e.chain, probability: e.probability };
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (Array.isArray(v)) return v.length === 0 ? "—" : v.join(", ");
  return String(v);
}

function fieldChanges(a: Service, b: Service): FieldChange[] {
  const fields: [string, unknown, unknown][] = [
    ["protocol", a.protocol, b.protocol],
    ["type", a.type, b.type],
    ["clusterIP", a.clusterIP, b.clusterIP],
    ["port", a.port, b.port],
    ["nodePorts", [...a.nodePorts].sort(), [...b.nodePorts].sort()],
    ["externalIPs", [...a.externalIPs].sort(), [...b.externalIPs].sort()],
    ["loadBalancerIPs", [...a.loadBalancerIPs].sort(), [...b.loadBalancerIPs].sort()],
    ["sourceRanges", [...a.sourceRanges].sort(), [...b.sourceRanges].sort()],
    ["affinitySeconds", a.affinitySeconds, b.affinitySeconds],
  ];
  return fields
    .map(([field, x, y]) => ({ field, before: show(x), after: show(y) }))
    .filter((c) => c.before !== c.after);
}

function chainChanges(a: Service, b: Service): ChainChange[] {
  const out: ChainChange[] = [];
  for (const kind of CHAIN_KINDS) {
    const before = a.chains[kind];
    const after = b.chains[kind];
    if (before !== after) out.push({ kind, address: null, before, after });
  }
  return out;
}

function codes(findings: readonly Finding[]): Set<string> {
  return new Set(findings.map((f) => f.code));
}

function counterDelta(address: string, x: Endpoint, y: Endpoint): CounterDelta | null {
  if (x.packets === null || y.packets === null) return null;
  const reset = y.packets < x.packets;
  const bytes = x.bytes === null || y.bytes === null ? null : reset ? y.bytes : y.bytes - x.bytes;
  return { address, packets: reset ? y.packets : y.packets - x.packets, bytes, reset };
}

/** Compares one service port on both sides; also yields its counter deltas when both carry counters. */
export function diffService(a: Service, b: Service): { diff: ServiceDiff; counters: ServiceCounters | null } {
  const before = new Map(a.endpoints.map((e, i) => [endpointId(e, i), e]));
  const after = new Map(b.endpoints.map((e, i) => [endpointId(e, i), e]));
  const chains = chainChanges(a, b);
  const sharesChanged: ShareChange[] = [];
  const deltas: CounterDelta[] = [];
  let countable = a.endpoints.length > 0 || b.endpoints.length > 0;
  for (const [id, y] of after) {
    const x = before.get(id);
    if (!x) continue;
    if (Math.abs(x.probability - y.probability) > SHARE_EPSILON) {
      sharesChanged.push({ address: id, before: x.probability, after: y.probability });
    }
    if (x.chain !== y.chain) chains.push({ kind: "sep", address: x.address, before: x.chain, after: y.chain });
    const d = counterDelta(id, x, y);
    if (d) deltas.push(d);
    else countable = false;
  }
  const fa = codes(a.findings);
  const fb = codes(b.findings);
  const diff: ServiceDiff = {
    name: b.name,
    renamedFrom: a.name === b.name ? null : a.name,
    fields: fieldChanges(a, b),
    chains,
    endpointsAdded: [...after].filter(([id]) => !before.has(id)).map(([, e]) => endpointRef(e)),
    endpointsRemoved: [...before].filter(([id]) => !after.has(id)).map(([, e]) => endpointRef(e)),
    sharesChanged,
    findingsAdded: [...fb].filter((c) => !fa.has(c)),
    findingsResolved: [...fa].filter((c) => !fb.has(c)),
  };
  const counters =
    countable && deltas.length > 0
      ? { name: b.name, packets: deltas.reduce((s, d) => s + d.packets, 0), endpoints: deltas }
      : null;
  return { diff, counters };
}

function changed(d: ServiceDiff): boolean {
  return (
    d.renamedFrom !== null ||
    d.fields.length + d.chains.length + d.endpointsAdded.length + d.endpointsRemoved.length > 0 ||
    d.sharesChanged.length + d.findingsAdded.length + d.findingsResolved.length > 0
  );
}

// A service port that vanished and one that appeared with the same protocol, cluster IP and port: a rename.
function frontendKey(s: Service): string | null {
  return s.clusterIP === null || s.port === null ? null : `${s.protocol}|${s.clusterIP}|${s.port}`;
}

function pairRenames(removed: Service[], added: Service[]): [Service, Service][] {
  const byKey = (list: Service[]) => {
    const m = new Map<string, Service[]>();
    for (const s of list) {
      const k = frontendKey(s);
      if (k) m.set(k, [...(m.get(k) ?? []), s]);
    }
    return m;
  };
  const r = byKey(removed);
  const pairs: [Service, Service][] = [];
  for (const [k, adds] of byKey(added)) {
    const rems = r.get(k);
    if (adds.length === 1 && rems?.length === 1) pairs.push([rems[0]!, adds[0]!]);
  }
  return pairs;
}

function findingKey(f: Finding): string {
  return `${f.code}|${f.chain ?? ""}|${f.message}`;
}

/** What changed from topology A to topology B. */
export function diffTopologies(a: Topology, b: Topology): TopologyDiff {
  const left = new Map(a.services.map((s) => [s.name, s]));
  const right = new Map(b.services.map((s) => [s.name, s]));
  const removed = a.services.filter((s) => !right.has(s.name));
  const added = b.services.filter((s) => !left.has(s.name));
  const renames = pairRenames(removed, added);
  const renamedA = new Set(renames.map(([x]) => x.name));
  const renamedB = new Set(renames.map(([, y]) => y.name));
  const servicesChanged: ServiceDiff[] = [];
  const counters: ServiceCounters[] = [];
  let unchanged = 0;
  const pairs: [Service, Service][] = [
    ...b.services.filter((s) => left.has(s.name)).map((s): [Service, Service] => [left.get(s.name)!, s]),
    ...renames,
  ];
  for (const [x, y] of pairs) {
    const { diff, counters: c } = diffService(x, y);
    if (changed(diff)) servicesChanged.push(diff);
    else unchanged += 1;
    if (c) counters.push(c);
  }
  const dumpA = a.findings.filter((f) => f.service === null);
  const dumpB = b.findings.filter((f) => f.service === null);
  const keysA = new Set(dumpA.map(findingKey));
  const keysB = new Set(dumpB.map(findingKey));
  const result = {
    servicesAdded: added.filter((s) => !renamedB.has(s.name)).map(ref),
    servicesRemoved: removed.filter((s) => !renamedA.has(s.name)).map(ref),
    servicesChanged: servicesChanged.sort((p, q) => p.name.localeCompare(q.name)),
    unchanged,
    findingsAdded: dumpB.filter((f) => !keysA.has(findingKey(f))),
    findingsResolved: dumpA.filter((f) => !keysB.has(findingKey(f))),
    counters: counters.sort((p, q) => p.name.localeCompare(q.name)),
  };
  const differs =
    result.servicesAdded.length + result.servicesRemoved.length + result.servicesChanged.length > 0 ||
    result.findingsAdded.length + result.findingsResolved.length > 0;
  return { ...result, differs };
}
