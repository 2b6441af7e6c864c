// The scrolling part of the detail screen as data: endpoint rows, then the service's findings.

import { endpointKey } from "../model/keys.ts";
import type { Endpoint, Finding, Service } from "../model/types.ts";
import type { EndpointStats, ServiceStats } from "../stats/types.ts";

export type DetailItem =
  | {
      readonly kind: "endpoint";
      readonly key: string;
      readonly endpoint: Endpoint;
      readonly stats: EndpointStats | null;
    }
  | { readonly kind: "text"; readonly key: string; readonly text: string; readonly title?: boolean }
  | { readonly kind: "finding"; readonly key: string; readonly finding: Finding };

/** Endpoint rows (keyed by endpoint key), a blank line, and the findings of one service. */
export function detailItems(service: Service, stats: ServiceStats | null): readonly DetailItem[] {
  const items: DetailItem[] = service.endpoints.map((endpoint, i) => {
    const key = endpointKey(service, endpoint, i);
    return { kind: "endpoint", key, endpoint, stats: stats?.endpoints.get(key) ?? null };
  });
  if (items.length === 0) items.push({ kind: "text", key: "no-endpoints", text: "  no endpoints in this dump" });
  items.push({ kind: "text", key: "gap", text: "" });
  items.push({ kind: "text", key: "findings", text: `Findings (${service.findings.length})`, title: true });
  service.findings.forEach((finding, i) => {
    items.push({ kind: "finding", key: `finding-${i}`, finding });
  });
  if (service.findings.length === 0) items.push({ kind: "text", key: "no-findings", text: "  none" });
  return items;
}

/** Sum of the endpoints' totals; null when none has a counter. */
export function serviceTotal(service: Service, stats: ServiceStats | null): number | null {
  let sum: number | null = null;
  service.endpoints.forEach((e, i) => {
    const total = stats?.endpoints.get(endpointKey(service, e, i))?.total ?? e.packets;
    if (total !== null) sum = (sum ?? 0) + total;
  });
  return sum;
}
