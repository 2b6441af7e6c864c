// The stats engine: per-endpoint and per-service rate series in bounded buffers keyed by stable ids.

import { endpointKey } from "../model/keys.ts";
import type { Endpoint, Service } from "../model/types.ts";
import { counterDelta, ratePerSecond } from "./rates.ts";
import { Ring, Series } from "./ring.ts";
import { EndpointSnapshot, ServiceSnapshot } from "./snapshot.ts";
import type { EndpointStats, Sample, ServiceStats, StatsEngine, StatsSnapshot } from "./types.ts";

export interface StatsOptions {
  /** Points kept per series (sparkline length); also how many samples an absent key is remembered. Default 60. */
  readonly seriesLength?: number;
  /** Samples over which observed shares and window counts are summed. Default 30. */
  readonly window?: number;
}

/** A stats engine that also tells how many keys it holds (memory stays bounded by the series length). */
export interface CountingStatsEngine extends StatsEngine {
  tracked(): { readonly endpoints: number; readonly services: number };
}

interface KeyState {
  readonly series: Series;
  /** Index of the last sample this key was in. */
  lastSeen: number;
}

interface EndpointState extends KeyState {
  /** Connections counted per sample over the window (gaps count 0), and their sum. */
  readonly deltas: Ring<number>;
  windowSum: number;
  lastTotal: number | null;
  lastAt: number;
}

interface ServiceState extends KeyState {
  /** Chains, endpoint keys and raw probabilities of the last sample: a change means kube-proxy rewrote the chain. */
  shape: (string | number | null)[];
}

/** Creates a stats engine; feed it samples in time order, read snapshots. Pure: time comes in with each sample. */
export function createStats(options: StatsOptions = {}): CountingStatsEngine {
  const seriesLength = options.seriesLength ?? 60;
  const windowLength = options.window ?? 30;
  const endpoints = new Map<string, EndpointState>();
  const services = new Map<string, ServiceState>();
  let samples = 0;
  let lastTakenAt: number | null = null;
  let current: StatsSnapshot = { takenAt: null, elapsed: null, samples: 0, services: new Map() };

  function pushDelta(st: EndpointState, delta: number | null): void {
    st.windowSum += (delta ?? 0) - (st.deltas.push(delta ?? 0) ?? 0);
  }

  // Advances one endpoint; null when its key was already counted in this sample.
  function stepEndpoint(key: string, endpoint: Endpoint, takenAt: number, rewritten: boolean): EndpointState | null {
    let st = endpoints.get(key);
    if (!st) {
      st = {
        series: new Series(seriesLength),
        deltas: new Ring(windowLength),
        windowSum: 0,
        lastTotal: null,
        lastAt: 0,
        lastSeen: -1,
      };
      endpoints.set(key, st);
    }
    if (st.lastSeen === samples) return null;
    const continuous = st.lastSeen === samples - 1 && !rewritten;
    const delta = continuous ? counterDelta(st.lastTotal, endpoint.packets) : null;
    if (rewritten) {
      st.deltas.clear();
      st.windowSum = 0;
    }
    pushDelta(st, delta);
    st.series.push(delta === null ? null : ratePerSecond(delta, (takenAt - st.lastAt) / 1000));
    st.lastTotal = endpoint.packets;
    st.lastAt = takenAt;
    st.lastSeen = samples;
    return st;
  }

  // Scratch lists, reused from service to service (stepService keeps none of them).
  const single: Service[] = [];
  const keys: string[] = [];
  const states: EndpointState[] = [];

  function stepService(name: string, group: readonly Service[], takenAt: number): ServiceStats {
    let st = services.get(name);
    if (!st) {
      st = { series: new Series(seriesLength), shape: [], lastSeen: -1 };
      services.set(name, st);
    }
    const rewritten = !sameShape(st.shape, group) && st.lastSeen >= 0;
    if (rewritten || st.lastSeen < 0) st.shape = shapeOf(group);
    st.lastSeen = samples;

    keys.length = 0;
    states.length = 0;
    // the service rate: the sum of its counted endpoints' rates, null when one is a gap (or none is counted)
    let rate: number | null = null;
    let counted = 0;
    let gap = false;
    for (const service of group) {
      const list = service.endpoints;
      for (let i = 0; i < list.length; i++) {
        const endpoint = list[i]!;
        const key = endpointKey(service, endpoint, i);
        const ep = stepEndpoint(key, endpoint, takenAt, rewritten);
        if (ep === null) continue;
        keys.push(key);
        states.push(ep);
        if (endpoint.packets === null) continue;
        counted++;
        const r = ep.series.last();
        if (r === null) gap = true;
        else rate = (rate ?? 0) + r;
      }
    }
    if (gap || counted === 0) rate = null;
    st.series.push(rate);
    let windowCount = 0;
    for (const ep of states) windowCount += ep.windowSum;
    const map = new Map<string, EndpointStats>();
    for (let i = 0; i < states.length; i++) {
      const ep = states[i]!;
      const observed = windowCount > 0 ? ep.windowSum / windowCount : null;
      map.set(keys[i]!, new EndpointSnapshot(keys[i]!, ep.series, observed, ep.windowSum, ep.lastTotal));
    }
    return new ServiceSnapshot(name, rate, st.series, windowCount, map);
  }

  function add(sample: Sample): StatsSnapshot {
    samples += 1;
    const { takenAt } = sample;
    const elapsed = lastTakenAt === null ? null : (takenAt - lastTakenAt) / 1000;
    lastTakenAt = takenAt;

    const out = new Map<string, ServiceStats>();
    const list = sample.topology.services;
    if (sortedByName(list)) {
      // groups are runs; a lone service (nearly all) goes in a reused one-element list
      for (let i = 0; i < list.length; ) {
        const name = list[i]!.name;
        let j = i + 1;
        while (j < list.length && list[j]!.name === name) j++;
        let group: readonly Service[];
        if (j === i + 1) {
          single[0] = list[i]!;
          group = single;
        } else group = list.slice(i, j);
        out.set(name, stepService(name, group, takenAt));
        i = j;
      }
    } else {
      for (const [name, group] of groupByName(list)) out.set(name, stepService(name, group, takenAt));
    }

    endpoints.forEach((st, key) => {
      if (!forget(endpoints, key, st) && st.lastSeen !== samples) pushDelta(st, null);
    });
    services.forEach((st, key) => {
      forget(services, key, st);
    });
    current = { takenAt, elapsed, samples, services: out };
    return current;
  }

  // Pushes a gap for a key absent from this sample; drops it once absent longer than a series holds (true).
  function forget(states: Map<string, KeyState>, key: string, st: KeyState): boolean {
    if (st.lastSeen === samples) return false;
    if (samples - st.lastSeen >= seriesLength) {
      states.delete(key);
      return true;
    }
    st.series.push(null);
    return false;
  }

  return {
    add,
    snapshot: () => current,
    tracked: () => ({ endpoints: endpoints.size, services: services.size }),
  };
}

function sortedByName(list: readonly Service[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.name > list[i]!.name) return false;
  return true;
}

// Services by name, in order of first appearance (dual-stack topologies can name one service port twice).
function groupByName(list: readonly Service[]): Map<string, Service[]> {
  const byName = new Map<string, Service[]>();
  for (const s of list) {
    const group = byName.get(s.name);
    if (group) group.push(s);
    else byName.set(s.name, [s]);
  }
  return byName;
}

// What identifies one version of a service's chain: when it changes, kube-proxy rewrote it and counters restarted.
function shapeOf(group: readonly Service[]): (string | number | null)[] {
  const out: (string | number | null)[] = [];
  for (const service of group) {
    out.push(service.chains.svc, service.chains.svl);
    service.endpoints.forEach((endpoint, i) => {
      out.push(endpointKey(service, endpoint, i), endpoint.rawProbability);
    });
  }
  return out;
}

// shapeOf(group) equals `shape`, checked without building it.
function sameShape(shape: readonly (string | number | null)[], group: readonly Service[]): boolean {
  let k = 0;
  for (const service of group) {
    if (shape[k++] !== service.chains.svc || shape[k++] !== service.chains.svl) return false;
    const list = service.endpoints;
    for (let i = 0; i < list.length; i++) {
      const endpoint = list[i]!;
      if (shape[k++] !== endpointKey(service, endpoint, i) || shape[k++] !== endpoint.rawProbability) return false;
    }
  }
  return k === shape.length;
}
