// What a snapshot reads: the sample's layout (layout.ts) and a few flat arrays of this sample's values, window
// counts and totals per service port and endpoint (no object per service or endpoint).

import type { ColumnsRef } from "./columns.ts";
import type { Layout } from "./layout.ts";

/** One sample's stats; observed shares and series are computed when read. */
export interface SampleData {
  readonly layout: Layout;
  readonly sample: number;
  /** Points kept per series. */
  readonly length: number;
  readonly svcWindow: Float64Array;
  readonly epWindow: Float64Array;
  /** Packets as read, NaN for null. */
  readonly epTotal: Float64Array;
  readonly svcSeries: ColumnsRef;
  readonly epSeries: ColumnsRef;
}

/** How many points a series that started at sample `born` has at sample `data.sample`. */
export function seriesSize(data: SampleData, born: number): number {
  return Math.min(data.length, data.sample - born + 1);
}
