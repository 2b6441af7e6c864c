// The per-key objects of a snapshot, made when first asked for (most services are never drawn): views of one
// sample's flat arrays (sample-data.ts, layout.ts). A view asked for twice is the same object; a series is read out of its
// buffer on first use and is the same array after that.

import { readPoint, readSeries } from "./columns.ts";
import { type SampleData, seriesSize } from "./sample-data.ts";
import type { EndpointStats, ServiceStats } from "./types.ts";

/** Maps with fewer entries than this are searched in order instead of indexed. */
const SCAN = 8;

function nullable(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

/** One endpoint's stats in one snapshot. */
/**
 * A read-only map whose entries are made on demand: get/has/size come from the subclass, and iteration goes
 * through a plain Map that `fill` makes once, on first use.
 */
abstract class LazyMapView<V> implements ReadonlyMap<string, V> {
  #map: Map<string, V> | undefined;

  abstract get size(): number;
  abstract get(key: string): V | undefined;
  abstract has(key: string): boolean;
  /** Puts every entry into `map`, in order. */
  protected abstract fill(map: Map<string, V>): void;

  #all(): Map<string, V> {
    if (this.#map === undefined) {
      this.#map = new Map();
      this.fill(this.#map);
    }
    return this.#map;
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    this.#all().forEach((v, k) => {
      fn(v, k, this);
    });
  }

  entries() {
    return this.#all().entries();
  }

  keys() {
    return this.#all().keys();
  }

  values() {
    return this.#all().values();
  }

  [Symbol.iterator]() {
    return this.#all()[Symbol.iterator]();
  }
}

class EndpointView implements EndpointStats {
  readonly key: string;
  readonly rate: number | null;
  readonly observedShare: number | null;
  readonly windowCount: number;
  readonly total: number | null;
  readonly #data: SampleData;
  readonly #e: number;
  #series: (number | null)[] | undefined;

  constructor(data: SampleData, e: number, serviceWindow: number) {
    this.#data = data;
    this.#e = e;
    this.key = data.layout.epKeys[e]!;
    this.rate = readPoint(data.epSeries, data.layout.epSlot[e]!, data.sample);
    this.windowCount = data.epWindow[e]!;
    this.observedShare = serviceWindow > 0 ? this.windowCount / serviceWindow : null;
    this.total = nullable(data.epTotal[e]!);
  }

  get series(): (number | null)[] {
    const d = this.#data;
    const e = this.#e;
    this.#series ??= readSeries(d.epSeries, d.layout.epSlot[e]!, d.sample, seriesSize(d, d.layout.epBorn[e]!));
    return this.#series;
  }
}

/** The endpoints of one service port in one snapshot, by key. */
class EndpointsView extends LazyMapView<EndpointStats> {
  readonly #data: SampleData;
  readonly #from: number;
  readonly #to: number;
  readonly #window: number;
  #views: (EndpointView | undefined)[] | undefined;
  #index: Map<string, number> | undefined;

  constructor(data: SampleData, g: number) {
    super();
    this.#data = data;
    this.#from = data.layout.epStart[g]!;
    this.#to = data.layout.epStart[g + 1]!;
    this.#window = data.svcWindow[g]!;
  }

  get size(): number {
    return this.#to - this.#from;
  }

  #find(key: string): number {
    const keys = this.#data.layout.epKeys;
    if (this.#to - this.#from < SCAN) {
      for (let e = this.#from; e < this.#to; e++) if (keys[e] === key) return e;
      return -1;
    }
    if (this.#index === undefined) {
      this.#index = new Map();
      for (let e = this.#to - 1; e >= this.#from; e--) this.#index.set(keys[e]!, e);
    }
    return this.#index.get(key) ?? -1;
  }

  #view(e: number): EndpointView {
    this.#views ??= [];
    const i = e - this.#from;
    let view = this.#views[i];
    if (view === undefined) {
      view = new EndpointView(this.#data, e, this.#window);
      this.#views[i] = view;
    }
    return view;
  }

  get(key: string): EndpointStats | undefined {
    const e = this.#find(key);
    return e < 0 ? undefined : this.#view(e);
  }

  has(key: string): boolean {
    return this.#find(key) >= 0;
  }

  protected fill(map: Map<string, EndpointStats>): void {
    for (let e = this.#from; e < this.#to; e++) map.set(this.#data.layout.epKeys[e]!, this.#view(e));
  }
}

/** One service port's stats in one snapshot. */
class ServiceView implements ServiceStats {
  readonly name: string;
  readonly rate: number | null;
  readonly windowCount: number;
  readonly endpoints: ReadonlyMap<string, EndpointStats>;
  readonly #data: SampleData;
  readonly #g: number;
  #series: (number | null)[] | undefined;

  constructor(data: SampleData, g: number) {
    this.#data = data;
    this.#g = g;
    this.name = data.layout.names.names[g]!;
    this.rate = readPoint(data.svcSeries, data.layout.svcSlot[g]!, data.sample);
    this.windowCount = data.svcWindow[g]!;
    this.endpoints = new EndpointsView(data, g);
  }

  get series(): (number | null)[] {
    const d = this.#data;
    const g = this.#g;
    this.#series ??= readSeries(d.svcSeries, d.layout.svcSlot[g]!, d.sample, seriesSize(d, d.layout.svcBorn[g]!));
    return this.#series;
  }
}

/** All service ports of one snapshot, by name, in the order they came. */
export class ServicesView extends LazyMapView<ServiceStats> {
  readonly #data: SampleData;
  #views: (ServiceView | undefined)[] | undefined;

  constructor(data: SampleData) {
    super();
    this.#data = data;
  }

  get size(): number {
    return this.#data.layout.groups;
  }

  #view(g: number): ServiceView {
    this.#views ??= [];
    let view = this.#views[g];
    if (view === undefined) {
      view = new ServiceView(this.#data, g);
      this.#views[g] = view;
    }
    return view;
  }

  get(name: string): ServiceStats | undefined {
    const g = this.#data.layout.names.of(name);
    return g < 0 ? undefined : this.#view(g);
  }

  has(name: string): boolean {
    return this.#data.layout.names.of(name) >= 0;
  }

  protected fill(map: Map<string, ServiceStats>): void {
    const { names, groups } = this.#data.layout;
    for (let g = 0; g < groups; g++) map.set(names.names[g]!, this.#view(g));
  }
}
