// One service port's sums over its endpoints in one sample, as the engine steps them (engine.ts): the service's
// rate is the sum of its counted endpoints' rates, a gap (NaN) when one of them is a gap or none is counted.

import type { EndpointStates } from "./endpoint-states.ts";

/** Where a sample's per-endpoint values go. */
export interface EndpointValues {
  readonly epWindow: Float64Array;
  readonly epTotal: Float64Array;
}

/** The running sums of one service port; reset before each. */
export class ServiceSum {
  private rate = 0;
  private counted = 0;
  private gap = false;
  /** Connections its endpoints counted over the window. */
  window = 0;

  reset(): void {
    this.rate = 0;
    this.counted = 0;
    this.gap = false;
    this.window = 0;
  }

  /**
   * Steps endpoint slot `ep` to `packets` (NaN for none; `rewritten`: its chain was rewritten) at sample `s`, and
   * writes its window count and total as endpoint `e` of the sample.
   */
  add(
    eps: EndpointStates,
    ep: number,
    packets: number,
    rewritten: boolean,
    takenAt: number,
    s: number,
    values: EndpointValues,
    e: number,
  ): void {
    const r = eps.step(ep, packets, rewritten, takenAt, s);
    const w = eps.windowSum[ep]!;
    this.window += w;
    values.epWindow[e] = w;
    values.epTotal[e] = packets;
    if (Number.isNaN(packets)) return;
    this.counted++;
    if (Number.isNaN(r)) this.gap = true;
    else this.rate += r;
  }

  /** The service's rate point: NaN for a gap. */
  get point(): number {
    return this.gap || this.counted === 0 ? Number.NaN : this.rate;
  }
}
