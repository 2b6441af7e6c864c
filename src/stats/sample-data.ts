// What a snapshot reads, written once per sample into a few flat arrays (no object per service or endpoint):
// per service port its name, slot and window count; per endpoint (in service order) its key, slot, window count
// and total. Lists of names and keys equal to the last sample's are that sample's arrays, so a name index built
// for one snapshot serves the next ones too.

import type { ColumnsRef } from "./columns.ts";

/** Service names and, built on first use, where each one is. */
export class NameIndex {
  #index: Map<string, number> | undefined;

  constructor(readonly names: readonly string[]) {}

  /** The position of `name`, or -1. */
  of(name: string): number {
    if (this.#index === undefined) {
      const index = new Map<string, number>();
      this.names.forEach((n, i) => {
        index.set(n, i);
      });
      this.#index = index;
    }
    return this.#index.get(name) ?? -1;
  }
}

/** A list that stays the previous one (same array) while it is pushed the same items. */
class SameList {
  private out: string[] | null = null;
  private n = 0;

  constructor(private readonly previous: readonly string[]) {}

  push(item: string): void {
    if (this.out === null) {
      if (this.previous[this.n] === item) {
        this.n++;
        return;
      }
      this.out = this.previous.slice(0, this.n);
    }
    this.out.push(item);
  }

  /** True when the list came out as the previous one. */
  get same(): boolean {
    return this.out === null && this.n === this.previous.length;
  }

  list(): readonly string[] {
    return this.out ?? (this.same ? this.previous : this.previous.slice(0, this.n));
  }
}

const EMPTY = new NameIndex([]);

/** One sample's stats, as flat arrays; observed shares and series are computed when read. */
export class SampleData {
  groups = 0;
  readonly svcSlot: Int32Array;
  readonly svcWindow: Float64Array;
  readonly svcSize: Int32Array;
  /** Endpoints of service g are [epStart[g], epStart[g + 1]). */
  readonly epStart: Int32Array;
  endpoints = 0;
  readonly epSlot: Int32Array;
  readonly epSize: Int32Array;
  readonly epWindow: Float64Array;
  /** NaN for null. */
  readonly epTotal: Float64Array;
  private readonly names: SameList;
  private readonly keys: SameList;
  /** The last sample's data, until finish(). */
  private previous: SampleData | null;
  // set by finish()
  index: NameIndex = EMPTY;
  epKeys: readonly string[] = [];
  svcSeries: ColumnsRef | null = null;
  epSeries: ColumnsRef | null = null;

  /** Room for `services` service ports and `endpoints` endpoints; `previous` lends its lists when equal. */
  constructor(
    readonly sample: number,
    services: number,
    endpoints: number,
    previous: SampleData | null,
  ) {
    this.svcSlot = new Int32Array(services);
    this.svcWindow = new Float64Array(services);
    this.svcSize = new Int32Array(services);
    this.epStart = new Int32Array(services + 1);
    this.epSlot = new Int32Array(endpoints);
    this.epSize = new Int32Array(endpoints);
    this.epWindow = new Float64Array(endpoints);
    this.epTotal = new Float64Array(endpoints);
    this.names = new SameList(previous?.index.names ?? []);
    this.keys = new SameList(previous?.epKeys ?? []);
    this.previous = previous;
  }

  /** Starts service port `name` (slot `slot`, series of `size` points). */
  addService(name: string, slot: number, size: number): void {
    const g = this.groups;
    this.names.push(name);
    this.svcSlot[g] = slot;
    this.svcSize[g] = size;
    this.epStart[g] = this.endpoints;
  }

  /** Adds an endpoint to the current service port. */
  addEndpoint(key: string, slot: number, size: number, window: number, total: number): void {
    const e = this.endpoints++;
    this.keys.push(key);
    this.epSlot[e] = slot;
    this.epSize[e] = size;
    this.epWindow[e] = window;
    this.epTotal[e] = total;
  }

  /** Ends the current service port with its window count. */
  endService(window: number): void {
    this.svcWindow[this.groups++] = window;
    this.epStart[this.groups] = this.endpoints;
  }

  /** Seals the sample with where its series are read. */
  finish(svcSeries: ColumnsRef, epSeries: ColumnsRef): void {
    this.svcSeries = svcSeries;
    this.epSeries = epSeries;
    this.index = this.names.same && this.previous ? this.previous.index : new NameIndex(this.names.list());
    this.epKeys = this.keys.list();
    this.previous = null;
  }
}
