// Which service ports and endpoints a sample had, in order, and their slots: the part of a sample's stats that
// stays the same while the topology's shape does, so warm samples share it. Lists equal to the last layout's are
// that layout's arrays, so a name index built for one snapshot serves the next ones too.

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

/** Service ports g = 0…groups - 1 and their endpoints [epStart[g], epStart[g + 1]), with slots and series starts. */
export interface Layout {
  readonly names: NameIndex;
  readonly groups: number;
  readonly svcSlot: Int32Array;
  /** The sample of the series' first point. */
  readonly svcBorn: Int32Array;
  readonly epStart: Int32Array;
  readonly endpoints: number;
  readonly epKeys: readonly string[];
  readonly epSlot: Int32Array;
  readonly epBorn: Int32Array;
  /** The endpoint's place in the topology (services in order, then their endpoints in order). */
  readonly epTopo: Int32Array;
  /** Endpoints in the topology (a key seen twice is in the layout once). */
  readonly topoEndpoints: number;
}

/** Writes a Layout service by service. */
export class LayoutBuilder {
  groups = 0;
  endpoints = 0;
  private readonly svcSlot: Int32Array;
  private readonly svcBorn: Int32Array;
  private readonly epStart: Int32Array;
  private readonly epSlot: Int32Array;
  private readonly epBorn: Int32Array;
  private readonly epTopo: Int32Array;
  private readonly names: SameList;
  private readonly keys: SameList;

  /** Room for `services` service ports and `endpoints` endpoints; `previous` lends its lists when equal. */
  constructor(
    services: number,
    private readonly topoEndpoints: number,
    private readonly previous: Layout | null,
  ) {
    this.svcSlot = new Int32Array(services);
    this.svcBorn = new Int32Array(services);
    this.epStart = new Int32Array(services + 1);
    this.epSlot = new Int32Array(topoEndpoints);
    this.epBorn = new Int32Array(topoEndpoints);
    this.epTopo = new Int32Array(topoEndpoints);
    this.names = new SameList(previous?.names.names ?? []);
    this.keys = new SameList(previous?.epKeys ?? []);
  }

  /** Starts a service port. */
  addService(name: string, slot: number, born: number): void {
    const g = this.groups;
    this.names.push(name);
    this.svcSlot[g] = slot;
    this.svcBorn[g] = born;
    this.epStart[g] = this.endpoints;
  }

  /** Adds an endpoint to the current service port; returns its index in the layout. */
  addEndpoint(key: string, slot: number, born: number, topo: number): number {
    const e = this.endpoints++;
    this.keys.push(key);
    this.epSlot[e] = slot;
    this.epBorn[e] = born;
    this.epTopo[e] = topo;
    return e;
  }

  /** Ends the current service port; returns its index. */
  endService(): number {
    const g = this.groups++;
    this.epStart[this.groups] = this.endpoints;
    return g;
  }

  build(): Layout {
    const { previous } = this;
    return {
      names: this.names.same && previous ? previous.names : new NameIndex(this.names.list()),
      groups: this.groups,
      svcSlot: this.svcSlot,
      svcBorn: this.svcBorn,
      epStart: this.epStart,
      endpoints: this.endpoints,
      epKeys: this.keys.list(),
      epSlot: this.epSlot,
      epBorn: this.epBorn,
      epTopo: this.epTopo,
      topoEndpoints: this.topoEndpoints,
    };
  }
}
