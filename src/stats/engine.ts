// The stats engine: per-endpoint and per-service rate series keyed by stable ids. State lives in typed arrays
// indexed by slot (slots.ts), series in shared column buffers (columns.ts); a sample costs a pass over its
// endpoints and a few flat arrays, and snapshots make their per-key objects only when asked (snapshot.ts).

import { endpointKey } from "../model/keys.ts";
import type { Service } from "../model/types.ts";
import { SeriesColumns } from "./columns.ts";
import { counterDelta, ratePerSecond } from "./rates.ts";
import { SampleData } from "./sample-data.ts";
import { grownColumns, grownFloat, grownInt, KeySlots } from "./slots.ts";
import { ServicesView } from "./snapshot.ts";
import type { Sample, StatsEngine, StatsSnapshot } from "./types.ts";

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

/** Creates a stats engine; feed it samples in time order, read snapshots. Pure: time comes in with each sample. */
export function createStats(options: StatsOptions = {}): CountingStatsEngine {
  const engine = new Engine(options.seriesLength ?? 60, options.window ?? 30);
  return {
    add: (sample) => engine.add(sample),
    snapshot: () => engine.current,
    tracked: () => ({ endpoints: engine.endpoints.size, services: engine.services.size }),
  };
}

type Shape = (string | number | null)[];

class Engine {
  readonly endpoints = new KeySlots();
  readonly services = new KeySlots();
  current: StatsSnapshot = { takenAt: null, elapsed: null, samples: 0, services: new Map() };
  private samples = 0;
  private lastTakenAt: number | null = null;
  private data: SampleData | null = null;

  // per endpoint slot
  private readonly epSeries: SeriesColumns;
  /** Index of the last sample the key was in (-1: never). */
  private epSeen = new Int32Array(16);
  /** Packets as last read, NaN for null. */
  private epTotal = new Float64Array(16);
  private epAt = new Float64Array(16);
  /**
   * Connections counted per sample over the window (gaps count 0), and their sum: a column per sample position
   * (sample % window) of one value per slot, so a sample writes one column front to back.
   */
  private deltas: Float64Array<ArrayBuffer>;
  private ringSize = new Int32Array(16);
  private windowSum = new Float64Array(16);

  /** Names of the last list of services found sorted by name (a list with the same names is sorted too). */
  private sortedNames: readonly string[] = [];

  // per service slot
  private readonly svcSeries: SeriesColumns;
  private svcSeen = new Int32Array(16);
  /** Chains, endpoint keys and raw probabilities of the last sample: a change means kube-proxy rewrote the chain. */
  private readonly shapes: Shape[] = [];

  constructor(
    private readonly seriesLength: number,
    private readonly window: number,
  ) {
    if (!Number.isInteger(window) || window < 1) throw new RangeError("buffer length must be a positive integer");
    if (!Number.isInteger(seriesLength) || seriesLength < 1)
      throw new RangeError("buffer length must be a positive integer");
    this.epSeries = new SeriesColumns(seriesLength);
    this.svcSeries = new SeriesColumns(seriesLength);
    this.deltas = new Float64Array(16 * window);
  }

  add(sample: Sample): StatsSnapshot {
    const s = ++this.samples;
    const { takenAt } = sample;
    const elapsed = this.lastTakenAt === null ? null : (takenAt - this.lastTakenAt) / 1000;
    this.lastTakenAt = takenAt;

    const list = sample.topology.services;
    let endpoints = 0;
    for (let i = 0; i < list.length; i++) endpoints += list[i]!.endpoints.length;
    const data = new SampleData(s, list.length, endpoints, this.data);
    if (this.sortedByName(list)) {
      // groups are runs (dual-stack topologies can name one service port twice)
      for (let i = 0; i < list.length; ) {
        const name = list[i]!.name;
        let j = i + 1;
        while (j < list.length && list[j]!.name === name) j++;
        this.stepService(data, name, list, i, j, takenAt);
        i = j;
      }
    } else {
      for (const [name, group] of groupByName(list)) this.stepService(data, name, group, 0, group.length, takenAt);
    }
    this.absentEndpoints(s);
    this.absentServices(s);
    data.finish(this.svcSeries.commit(s), this.epSeries.commit(s));
    this.data = data;
    this.current = { takenAt, elapsed, samples: s, services: new ServicesView(data) };
    return this.current;
  }

  // One service port: the services list[from, to) named `name`.
  private stepService(
    data: SampleData,
    name: string,
    list: readonly Service[],
    from: number,
    to: number,
    takenAt: number,
  ): void {
    const s = this.samples;
    // the last sample's service port at this place, and its endpoints: their slots, if the keys still match
    const last = this.data;
    const g = data.groups;
    const lastHere = last !== null && g < last.groups && last.index.names[g] === name;
    let slot = lastHere ? last.svcSlot[g]! : -1;
    if (slot < 0 || this.services.keys[slot] !== name) slot = this.services.slotOf(name);
    if (slot < 0) slot = this.newService(name, s);
    let lastEp = lastHere ? last.epStart[g]! : 0;
    const lastEpEnd = lastHere ? last.epStart[g + 1]! : 0;
    const first = this.svcSeen[slot]! < 0;
    const rewritten = !first && !sameShape(this.shapes[slot]!, list, from, to);
    if (rewritten || first) this.shapes[slot] = shapeOf(list, from, to);
    this.svcSeen[slot] = s;
    data.addService(name, slot, this.svcSeries.size(slot, s));

    // the service rate: the sum of its counted endpoints' rates, null when one is a gap (or none is counted)
    let rate = 0;
    let counted = 0;
    let gap = false;
    let windowCount = 0;
    for (let k = from; k < to; k++) {
      const service = list[k]!;
      const endpoints = service.endpoints;
      for (let i = 0; i < endpoints.length; i++) {
        const endpoint = endpoints[i]!;
        const key = endpointKey(service, endpoint, i);
        let ep = lastEp < lastEpEnd ? last!.epSlot[lastEp++]! : -1;
        if (ep < 0 || this.endpoints.keys[ep] !== key) ep = this.endpoints.slotOf(key);
        if (ep < 0) ep = this.newEndpoint(key, s);
        const seen = this.epSeen[ep]!;
        if (seen === s) continue; // counted already in this sample
        const packets = endpoint.packets;
        const delta = seen === s - 1 && !rewritten ? counterDelta(this.epTotal[ep]!, packets) : null;
        if (rewritten) {
          this.ringSize[ep] = 0;
          this.windowSum[ep] = 0;
        }
        this.pushDelta(ep, delta ?? 0, s);
        const r = delta === null ? null : ratePerSecond(delta, (takenAt - this.epAt[ep]!) / 1000);
        this.epSeries.column[ep] = r ?? Number.NaN;
        this.epTotal[ep] = packets ?? Number.NaN;
        this.epAt[ep] = takenAt;
        this.epSeen[ep] = s;
        const w = this.windowSum[ep]!;
        windowCount += w;
        data.addEndpoint(key, ep, this.epSeries.size(ep, s), w, packets ?? Number.NaN);
        if (packets === null) continue;
        counted++;
        if (r === null || Number.isNaN(r)) gap = true;
        else rate += r;
      }
    }
    this.svcSeries.column[slot] = gap || counted === 0 ? Number.NaN : rate;
    data.endService(windowCount);
  }

  private pushDelta(ep: number, delta: number, s: number): void {
    const window = this.window;
    const at = (s % window) * this.epSeen.length + ep;
    const size = this.ringSize[ep]!;
    this.windowSum[ep] = this.windowSum[ep]! + (delta - (size === window ? this.deltas[at]! : 0));
    this.deltas[at] = delta;
    if (size < window) this.ringSize[ep] = size + 1;
  }

  private newEndpoint(key: string, s: number): number {
    const ep = this.endpoints.add(key);
    const n = this.endpoints.count;
    if (n > this.epSeen.length) {
      const slots = this.epSeen.length;
      this.epSeen = grownInt(this.epSeen, n);
      this.deltas = grownColumns(this.deltas, this.window, slots, this.epSeen.length);
      this.epTotal = grownFloat(this.epTotal, n);
      this.epAt = grownFloat(this.epAt, n);
      this.ringSize = grownInt(this.ringSize, n);
      this.windowSum = grownFloat(this.windowSum, n);
    }
    this.epSeries.ensure(n);
    this.epSeen[ep] = -1;
    this.epTotal[ep] = Number.NaN;
    this.epAt[ep] = 0;
    this.ringSize[ep] = 0;
    this.windowSum[ep] = 0;
    this.epSeries.start(ep, s);
    return ep;
  }

  private newService(name: string, s: number): number {
    const slot = this.services.add(name);
    const n = this.services.count;
    if (n > this.svcSeen.length) this.svcSeen = grownInt(this.svcSeen, n);
    this.svcSeries.ensure(n);
    this.svcSeen[slot] = -1;
    this.shapes[slot] = [];
    this.svcSeries.start(slot, s);
    return slot;
  }

  private sortedByName(list: readonly Service[]): boolean {
    const known = this.sortedNames;
    let i = 0;
    if (known.length === list.length) while (i < list.length && list[i]!.name === known[i]) i++;
    if (i === list.length) return true;
    for (let j = 1; j < list.length; j++) if (list[j - 1]!.name > list[j]!.name) return false;
    this.sortedNames = list.map((service) => service.name);
    return true;
  }

  // Keys absent from this sample get a gap (and a zero count); keys absent longer than a series holds are dropped.
  private absentEndpoints(s: number): void {
    const keys = this.endpoints.keys;
    const column = this.epSeries.column;
    for (let ep = 0; ep < keys.length; ep++) {
      const seen = this.epSeen[ep]!;
      if (seen === s || keys[ep] === undefined) continue;
      if (s - seen >= this.seriesLength) this.endpoints.remove(ep);
      else {
        column[ep] = Number.NaN;
        this.pushDelta(ep, 0, s);
      }
    }
  }

  private absentServices(s: number): void {
    const keys = this.services.keys;
    const column = this.svcSeries.column;
    for (let slot = 0; slot < keys.length; slot++) {
      const seen = this.svcSeen[slot]!;
      if (seen === s || keys[slot] === undefined) continue;
      if (s - seen >= this.seriesLength) {
        this.services.remove(slot);
        this.shapes[slot] = [];
      } else column[slot] = Number.NaN;
    }
  }
}

// Services by name, in order of first appearance.
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
function shapeOf(list: readonly Service[], from: number, to: number): Shape {
  const out: Shape = [];
  for (let k = from; k < to; k++) {
    const service = list[k]!;
    out.push(service.chains.svc, service.chains.svl);
    service.endpoints.forEach((endpoint, i) => {
      out.push(endpointKey(service, endpoint, i), endpoint.rawProbability);
    });
  }
  return out;
}

// shapeOf(list, from, to) equals `shape`, checked without building it.
function sameShape(shape: Shape, list: readonly Service[], from: number, to: number): boolean {
  let k = 0;
  for (let j = from; j < to; j++) {
    const service = list[j]!;
    if (shape[k++] !== service.chains.svc || shape[k++] !== service.chains.svl) return false;
    const endpoints = service.endpoints;
    for (let i = 0; i < endpoints.length; i++) {
      const endpoint = endpoints[i]!;
      if (shape[k++] !== endpointKey(service, endpoint, i) || shape[k++] !== endpoint.rawProbability) return false;
    }
  }
  return k === shape.length;
}
