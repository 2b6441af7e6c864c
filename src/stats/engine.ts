// The stats engine: per-endpoint and per-service rate series in ring buffers keyed by stable ids.

import { endpointKey } from "../model/keys.ts";
import type { Endpoint, Service } from "../model/types.ts";
import { counterDelta, ratePerSecond, shares, sumKnown, sumRates } from "./rates.ts";
import { Ring } from "./ring.ts";
import type { EndpointStats, Sample, ServiceStats, StatsEngine, StatsSnapshot } from "./types.ts";

export interface StatsOptions {
  /** Points kept per series (sparkline length); also how many samples an absent key is remembered. Default 60. */
  readonly seriesLength?: number;
  /** Samples over which observed shares and window counts are summed. Default 30. */
  readonly window?: number;
}

interface EndpointState {
  readonly series: Ring<number | null>;
  /** Connections counted per sample (null for gaps). */
  readonly deltas: Ring<number | null>;
  lastTotal: number | null;
  lastAt: number;
  /** Index of the last sample this endpoint was in. */
  lastSeen: number;
}

interface ServiceState {
  readonly series: Ring<number | null>;
  /** Endpoint keys, raw probabilities and service chain: a change means kube-proxy rewrote the chain. */
  signature: string;
  lastSeen: number;
}

/** A stats engine that also tells how many keys it holds (memory stays bounded by the series length). */
export interface CountingStatsEngine extends StatsEngine {
  tracked(): { readonly endpoints: number; readonly services: number };
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

  function endpointState(key: string): EndpointState {
    let st = endpoints.get(key);
    if (!st) {
      st = { series: new Ring(seriesLength), deltas: new Ring(windowLength), lastTotal: null, lastAt: 0, lastSeen: -1 };
      endpoints.set(key, st);
    }
    return st;
  }

  function serviceState(name: string): ServiceState {
    let st = services.get(name);
    if (!st) {
      st = { series: new Ring(seriesLength), signature: "", lastSeen: -1 };
      services.set(name, st);
    }
    return st;
  }

  // Advances one endpoint; returns its key, or null when the key was already counted in this sample.
  function stepEndpoint(key: string, endpoint: Endpoint, takenAt: number, rewritten: boolean): string | null {
    const st = endpointState(key);
    if (st.lastSeen === samples) return null;
    const continuous = st.lastSeen === samples - 1 && !rewritten;
    const delta = continuous ? counterDelta(st.lastTotal, endpoint.packets) : null;
    const rate = delta === null ? null : ratePerSecond(delta, (takenAt - st.lastAt) / 1000);
    if (rewritten) st.deltas.clear();
    st.deltas.push(delta);
    st.series.push(rate);
    st.lastTotal = endpoint.packets;
    st.lastAt = takenAt;
    st.lastSeen = samples;
    return key;
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
    for (const [name, group] of byName) {
      const st = serviceState(name);
      const signature = signatureOf(group);
      const rewritten = st.lastSeen >= 0 && st.signature !== signature;
      st.signature = signature;
      st.lastSeen = samples;

      const keys: string[] = [];
      const counted: (number | null)[] = [];
      for (const service of group) {
        service.endpoints.forEach((endpoint, i) => {
          const key = stepEndpoint(endpointKey(service, endpoint, i), endpoint, takenAt, rewritten);
          if (key === null) return;
          keys.push(key);
          if (endpoint.packets !== null) counted.push(endpoints.get(key)?.series.last() ?? null);
        });
      }
      const rate = sumRates(counted);
      st.series.push(rate);
      out.set(name, serviceStats(name, rate, st.series.toArray(), keys));
    }

    forget(endpoints);
    forget(services);
    current = { takenAt, elapsed, samples, services: out };
    return current;
  }

  // Pushes a gap for every key absent from this sample and drops keys absent longer than a series holds.
  function forget(
    states: Map<string, { series: Ring<number | null>; lastSeen: number; deltas?: Ring<number | null> }>,
  ) {
    for (const [key, st] of states) {
      if (st.lastSeen === samples) continue;
      if (samples - st.lastSeen >= seriesLength) {
        states.delete(key);
        continue;
      }
      st.series.push(null);
      st.deltas?.push(null);
    }
  }

  function serviceStats(name: string, rate: number | null, series: (number | null)[], keys: string[]): ServiceStats {
    const counts = keys.map((key) => sumKnown(endpoints.get(key)?.deltas.toArray() ?? []));
    const observed = shares(counts);
    const map = new Map<string, EndpointStats>();
    keys.forEach((key, i) => {
      const st = endpoints.get(key) as EndpointState;
      map.set(key, {
        key,
        rate: st.series.last() ?? null,
        series: st.series.toArray(),
        observedShare: observed[i] ?? null,
        windowCount: counts[i] ?? 0,
        total: st.lastTotal,
      });
    });
    return { name, rate, series, windowCount: sumKnown(counts), endpoints: map };
  }

  return {
    add,
    snapshot: () => current,
    tracked: () => ({ endpoints: endpoints.size, services: services.size }),
  };
}

// What identifies one version of a service's chain: when it changes, kube-proxy rewrote it and counters restarted.
function signatureOf(group: readonly Service[]): string {
  const parts: string[] = [];
  for (const service of group) {
    parts.push(service.chains.svc ?? "-", service.chains.svl ?? "-");
    service.endpoints.forEach((endpoint, i) => {
      parts.push(`${endpointKey(service, endpoint, i)}@${endpoint.rawProbability ?? "*"}`);
    });
  }
  return parts.join(" ");
}
