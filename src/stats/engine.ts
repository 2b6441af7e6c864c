// The stats engine: per-endpoint and per-service rate series in bounded buffers keyed by stable ids.

import { endpointKey } from "../model/keys.ts";
import type { Endpoint, Service } from "../model/types.ts";
import { counterDelta, ratePerSecond, shares, sumRates } from "./rates.ts";
import { Ring, Series } from "./ring.ts";
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
  /** Endpoint keys, raw probabilities and chains: a change means kube-proxy rewrote the chain. */
  signature: string;
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

  function stepService(name: string, group: readonly Service[], takenAt: number): ServiceStats {
    let st = services.get(name);
    if (!st) {
      st = { series: new Series(seriesLength), signature: "", lastSeen: -1 };
      services.set(name, st);
    }
    const signature = signatureOf(group);
    const rewritten = st.lastSeen >= 0 && st.signature !== signature;
    st.signature = signature;
    st.lastSeen = samples;

    const keys: string[] = [];
    const states: EndpointState[] = [];
    const counted: (number | null)[] = [];
    for (const service of group) {
      service.endpoints.forEach((endpoint, i) => {
        const key = endpointKey(service, endpoint, i);
        const ep = stepEndpoint(key, endpoint, takenAt, rewritten);
        if (ep === null) return;
        keys.push(key);
        states.push(ep);
        if (endpoint.packets !== null) counted.push(ep.series.last());
      });
    }
    const rate = sumRates(counted);
    st.series.push(rate);
    const observed = shares(states.map((ep) => ep.windowSum));
    const map = new Map<string, EndpointStats>();
    states.forEach((ep, i) => {
      const key = keys[i] as string;
      map.set(key, endpointStats(key, ep, observed[i] ?? null));
    });
    const series = lazy(st.series.view());
    let windowCount = 0;
    for (const ep of states) windowCount += ep.windowSum;
    return {
      name,
      rate,
      // read on demand: most services are never drawn
      get series() {
        return series();
      },
      windowCount,
      endpoints: map,
    };
  }

  function add(sample: Sample): StatsSnapshot {
    samples += 1;
    const { takenAt } = sample;
    const elapsed = lastTakenAt === null ? null : (takenAt - lastTakenAt) / 1000;
    lastTakenAt = takenAt;

    const byName = new Map<string, Service[]>();
    for (const service of sample.topology.services) {
      const list = byName.get(service.name);
      if (list) list.push(service);
      else byName.set(service.name, [service]);
    }
    const out = new Map<string, ServiceStats>();
    for (const [name, group] of byName) out.set(name, stepService(name, group, takenAt));

    for (const [key, st] of endpoints) {
      if (forget(endpoints, key, st)) continue;
      if (st.lastSeen !== samples) pushDelta(st, null);
    }
    for (const [key, st] of services) forget(services, key, st);
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

// Reads a view once, on first use: the same array every time after that.
function lazy<T>(read: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= read();
    return value;
  };
}

function endpointStats(key: string, st: EndpointState, observedShare: number | null): EndpointStats {
  const series = lazy(st.series.view());
  return {
    key,
    rate: st.series.last(),
    get series() {
      return series();
    },
    observedShare,
    windowCount: st.windowSum,
    total: st.lastTotal,
  };
}

// What identifies one version of a service's chain: when it changes, kube-proxy rewrote it and counters restarted.
function signatureOf(group: readonly Service[]): string {
  let out = "";
  for (const service of group) {
    out += `${service.chains.svc ?? "-"} ${service.chains.svl ?? "-"}`;
    service.endpoints.forEach((endpoint, i) => {
      out += ` ${endpointKey(service, endpoint, i)}@${endpoint.rawProbability ?? "*"}`;
    });
  }
  return out;
}
