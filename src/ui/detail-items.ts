// The scrolling part of the detail screen as data: endpoint rows, the verdict's other reasons, the findings.

import type { ServiceRow } from "../app/service-order.ts";
import { endpointKey } from "../model/keys.ts";
import type { Endpoint, Finding, Service, Severity } from "../model/types.ts";
import type { EndpointStats, ServiceStats } from "../stats/types.ts";
import { SEVERITY_GLYPH } from "./format.ts";
import { sanitize } from "./sanitize.ts";
import { otherReasons } from "./verdict-text.ts";
import { wrapText } from "./wrap.ts";

export type DetailItem =
  | {
      readonly kind: "endpoint";
      readonly key: string;
      readonly endpoint: Endpoint;
      readonly stats: EndpointStats | null;
    }
  | { readonly kind: "text"; readonly key: string; readonly text: string; readonly title?: boolean }
  | { readonly kind: "finding"; readonly key: string; readonly finding: Finding }
  | {
      readonly kind: "reason";
      readonly key: string;
      readonly severity: Severity;
      /** The severity glyph goes before the first line of a reason; later lines are indented under it. */
      readonly glyph: string;
      readonly text: string;
    };

/** Endpoint rows (keyed by endpoint key), the verdict's other reasons wrapped to `width`, and the findings. */
export function detailItems(row: ServiceRow, width: number): readonly DetailItem[] {
  const { service, stats, verdict } = row;
  const items: DetailItem[] = service.endpoints.map((endpoint, i) => {
    const key = endpointKey(service, endpoint, i);
    return { kind: "endpoint", key, endpoint, stats: stats?.endpoints.get(key) ?? null };
  });
  if (items.length === 0) items.push({ kind: "text", key: "no-endpoints", text: "  no endpoints in this dump" });
  items.push({ kind: "text", key: "gap", text: "" });
  const others = verdict ? otherReasons(verdict) : [];
  if (others.length > 0) {
    items.push({ kind: "text", key: "reasons", text: `Also (${others.length})`, title: true });
    others.forEach((r, i) => {
      wrapText(sanitize(r.sentence), Math.max(10, width - 4)).forEach((text, n) => {
        const glyph = n === 0 ? SEVERITY_GLYPH[r.severity] : " ";
        items.push({ kind: "reason", key: `reason-${i}-${n}`, severity: r.severity, glyph, text });
      });
    });
    items.push({ kind: "text", key: "reasons-gap", text: "" });
  }
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
