// What identifies one version of a service port's chains: its chains, endpoint keys and raw probabilities. When it
// changes, kube-proxy rewrote the chain and its counters restarted.

import { endpointKey } from "../model/keys.ts";
import type { Service } from "../model/types.ts";

export type Shape = (string | number | null)[];

/** Indices of `list` by service name, names in order of first appearance. */
export function groupByName(list: readonly Service[]): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  list.forEach((s, i) => {
    const group = byName.get(s.name);
    if (group) group.push(i);
    else byName.set(s.name, [i]);
  });
  return byName;
}

/** The shape of list[members[m]] (list[m] without members) for m in [from, to). */
export function shapeOf(list: readonly Service[], members: readonly number[] | null, from: number, to: number): Shape {
  const out: Shape = [];
  for (let m = from; m < to; m++) {
    const service = list[members === null ? m : members[m]!]!;
    out.push(service.chains.svc, service.chains.svl);
    service.endpoints.forEach((endpoint, i) => {
      out.push(endpointKey(service, endpoint, i), endpoint.rawProbability);
    });
  }
  return out;
}

/** shapeOf(list, members, from, to) equals `shape`, checked without building it. */
export function sameShape(
  shape: Shape,
  list: readonly Service[],
  members: readonly number[] | null,
  from: number,
  to: number,
): boolean {
  let k = 0;
  for (let m = from; m < to; m++) {
    const service = list[members === null ? m : members[m]!]!;
    if (shape[k++] !== service.chains.svc || shape[k++] !== service.chains.svl) return false;
    const endpoints = service.endpoints;
    for (let i = 0; i < endpoints.length; i++) {
      const endpoint = endpoints[i]!;
      if (shape[k++] !== endpointKey(service, endpoint, i) || shape[k++] !== endpoint.rawProbability) return false;
    }
  }
  return k === shape.length;
}
