// The stats engine: per-endpoint and per-service rate series keyed by stable ids. State lives in typed arrays
// indexed by slot (slots.ts, endpoint-states.ts), series in shared column buffers (columns.ts); a sample costs a
// pass over its endpoints and a few flat arrays, and snapshots make their per-key objects only when asked
// (snapshot.ts). A sample that only brings new counters for the last sample's topology (Sample.counters) is
// stepped from the last sample's layout without reading a service or endpoint object.

import { endpointKey } from "../model/keys.ts";
import type { Service, Topology } from "../model/types.ts";
import { SeriesColumns } from "./columns.ts";
import { EndpointStates } from "./endpoint-states.ts";
import { type Layout, LayoutBuilder } from "./layout.ts";
import type { SampleData } from "./sample-data.ts";
import { ServiceSum } from "./service-sum.ts";
import { groupByName, type Shape, sameShape, shapeOf } from "./shape.ts";
import { grownInt, KeySlots } from "./slots.ts";
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
    tracked: () => ({ endpoints: engine.endpoints.keys.size, services: engine.services.size }),
  };
}

/** This sample's window counts and totals, written as it is stepped. */
interface Values {
  readonly svcWindow: Float64Array;
  readonly epWindow: Float64Array;
  readonly epTotal: Float64Array;
}

function checkLength(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError("buffer length must be a positive integer");
}

class Engine {
  readonly endpoints: EndpointStates;
  readonly services = new KeySlots();
  current: StatsSnapshot = { takenAt: null, elapsed: null, samples: 0, services: new Map() };
  private samples = 0;
  private lastTakenAt: number | null = null;
  /** The last sample's layout and topology. */
  private layout: Layout | null = null;
  private topology: Topology | null = null;
  /** Names of the last list of services found sorted by name (a list with the same names is sorted too). */
  private sortedNames: readonly string[] = [];

  // per service slot
  private readonly svcSeries: SeriesColumns;
  private svcSeen = new Int32Array(16);
  /** Chains, endpoint keys and raw probabilities of the last sample: a change means kube-proxy rewrote the chain. */
  private readonly shapes: Shape[] = [];
  /** The sums of the service port being stepped. */
  private readonly sum = new ServiceSum();

  constructor(
    private readonly seriesLength: number,
    window: number,
  ) {
    checkLength(seriesLength);
    checkLength(window);
    this.endpoints = new EndpointStates(seriesLength, window);
    this.svcSeries = new SeriesColumns(seriesLength);
  }

  add(sample: Sample): StatsSnapshot {
    const s = ++this.samples;
    const { takenAt, topology, counters } = sample;
    const elapsed = this.lastTakenAt === null ? null : (takenAt - this.lastTakenAt) / 1000;
    this.lastTakenAt = takenAt;

    let layout = this.layout;
    let values: Values;
    if (
      counters !== undefined &&
      layout !== null &&
      counters.since === this.topology &&
      counters.packets.length === layout.topoEndpoints
    )
      values = this.stepCounters(layout, counters.packets, takenAt);
    else [layout, values] = this.stepTopology(topology.services, takenAt);
    this.endpoints.absent(s);
    this.absentServices(s);
    const data: SampleData = {
      layout,
      sample: s,
      length: this.seriesLength,
      ...values,
      svcSeries: this.svcSeries.commit(s),
      epSeries: this.endpoints.series.commit(s),
    };
    this.layout = layout;
    this.topology = topology;
    this.current = { takenAt, elapsed, samples: s, services: new ServicesView(data) };
    return this.current;
  }

  // A sample of the last sample's topology with new packets: every key is where it was, nothing was rewritten.
  private stepCounters(layout: Layout, packets: Float64Array, takenAt: number): Values {
    const s = this.samples;
    const eps = this.endpoints;
    const { svcSlot, epStart, epSlot, epTopo } = layout;
    const values = newValues(layout.groups, layout.endpoints);
    const sum = this.sum;
    for (let g = 0; g < layout.groups; g++) {
      this.svcSeen[svcSlot[g]!] = s;
      sum.reset();
      for (let e = epStart[g]!; e < epStart[g + 1]!; e++) {
        sum.add(eps, epSlot[e]!, packets[epTopo[e]!]!, false, takenAt, s, values, e);
      }
      this.svcSeries.column[svcSlot[g]!] = sum.point;
      values.svcWindow[g] = sum.window;
    }
    return values;
  }

  // Any sample: service ports are runs of the list sorted by name (dual-stack topologies can name one twice).
  private stepTopology(list: readonly Service[], takenAt: number): [Layout, Values] {
    const offsets = new Int32Array(list.length);
    let endpoints = 0;
    for (let i = 0; i < list.length; i++) {
      offsets[i] = endpoints;
      endpoints += list[i]!.endpoints.length;
    }
    this.endpoints.reserve(endpoints);
    this.reserveServices(list.length);
    const builder = new LayoutBuilder(list.length, endpoints, this.layout);
    const values = newValues(list.length, endpoints);
    const step = (name: string, members: readonly number[] | null, from: number, to: number) =>
      this.stepService(builder, values, name, list, offsets, members, from, to, takenAt);
    if (this.sortedByName(list)) {
      for (let i = 0; i < list.length; ) {
        const name = list[i]!.name;
        let j = i + 1;
        while (j < list.length && list[j]!.name === name) j++;
        step(name, null, i, j);
        i = j;
      }
    } else for (const [name, members] of groupByName(list)) step(name, members, 0, members.length);
    return [builder.build(), values];
  }

  // One service port: the services list[members[m]] (list[m] without members) for m in [from, to).
  private stepService(
    builder: LayoutBuilder,
    values: Values,
    name: string,
    list: readonly Service[],
    offsets: Int32Array,
    members: readonly number[] | null,
    from: number,
    to: number,
    takenAt: number,
  ): void {
    const s = this.samples;
    const eps = this.endpoints;
    // the last sample's service port at this place: its slots are tried first
    const last = this.layout;
    const g = builder.groups;
    const lastHere = last !== null && g < last.groups && last.names.names[g] === name;
    let slot = lastHere ? last.svcSlot[g]! : -1;
    if (slot < 0 || this.services.keys[slot] !== name) slot = this.services.slotOf(name);
    if (slot < 0) slot = this.newService(name, s);
    let lastEp = lastHere ? last.epStart[g]! : 0;
    const lastEpEnd = lastHere ? last.epStart[g + 1]! : 0;
    const first = this.svcSeen[slot]! < 0;
    const rewritten = !first && !sameShape(this.shapes[slot]!, list, members, from, to);
    if (rewritten || first) this.shapes[slot] = shapeOf(list, members, from, to);
    this.svcSeen[slot] = s;
    builder.addService(name, slot, this.svcSeries.bornOf(slot));

    const sum = this.sum;
    sum.reset();
    for (let m = from; m < to; m++) {
      const index = members === null ? m : members[m]!;
      const service = list[index]!;
      const endpoints = service.endpoints;
      for (let i = 0; i < endpoints.length; i++) {
        const endpoint = endpoints[i]!;
        const key = endpointKey(service, endpoint, i);
        const ep = eps.slot(key, lastEp < lastEpEnd ? last!.epSlot[lastEp++]! : -1, s);
        if (eps.seen[ep] === s) continue; // counted already in this sample
        const e = builder.addEndpoint(key, ep, eps.series.bornOf(ep), offsets[index]! + i);
        sum.add(eps, ep, endpoint.packets ?? Number.NaN, rewritten, takenAt, s, values, e);
      }
    }
    this.svcSeries.column[slot] = sum.point;
    values.svcWindow[builder.endService()] = sum.window;
  }

  // Room for `n` service slots (see EndpointStates.reserve).
  private reserveServices(n: number): void {
    if (n > this.svcSeen.length) this.svcSeen = grownInt(this.svcSeen, n);
    this.svcSeries.ensure(n);
  }

  private newService(name: string, s: number): number {
    const slot = this.services.add(name);
    this.reserveServices(this.services.count);
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

  // Service ports absent from this sample get a gap; those absent longer than a series holds are dropped.
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

function newValues(services: number, endpoints: number): Values {
  return {
    svcWindow: new Float64Array(services),
    epWindow: new Float64Array(endpoints),
    epTotal: new Float64Array(endpoints),
  };
}
