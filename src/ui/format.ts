// Value formatting for the live view: a missing value is "—", never 0.

import type { Service, ServiceType, Severity } from "../model/types.ts";

export const MISSING = "—";

/** New connections per second, compact: "0.25", "12.5", "340", "12.3k"; "—" when unknown. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return MISSING;
  if (rate >= 10_000) return `${(rate / 1000).toFixed(1)}k`;
  if (rate >= 100) return rate.toFixed(0);
  if (rate >= 10) return rate.toFixed(1);
  return rate.toFixed(2);
}

/** A share 0..1 as "33.3%"; "—" when unknown. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return MISSING;
  return `${(share * 100).toFixed(1)}%`;
}

/** A counter, compact above 99,999 ("1.2M"); "—" when the dump had none. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  if (n < 100_000) return String(n);
  for (const [div, unit] of [
    [1e12, "T"],
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ] as const) {
    if (n >= div) return `${(n / div).toFixed(1)}${unit}`;
  }
  return String(n);
}

/** How long ago, from milliseconds: "0s", "42s", "3m", "5h". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}

/** A duration in milliseconds: "85 ms", "1.2 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** An interval in seconds: "2s", "0.5s". */
export function formatInterval(sec: number): string {
  return `${sec}s`;
}

/** `ip:port` (brackets for IPv6) with "/udp" or "/sctp" when not TCP; "—" without a cluster IP. */
export function vipPort(s: Service): string {
  if (s.clusterIP === null) return MISSING;
  const host = s.clusterIP.includes(":") ? `[${s.clusterIP}]` : s.clusterIP;
  const port = s.port === null ? "" : `:${s.port}`;
  const proto = s.protocol && s.protocol.toLowerCase() !== "tcp" ? `/${s.protocol.toLowerCase()}` : "";
  return host + port + proto;
}

const TYPE_LABEL: Record<ServiceType, string> = {
  ClusterIP: "ClusterIP",
  NodePort: "NodePort",
  LoadBalancer: "LB",
  ExternalIP: "ExternalIP",
};

/** The short type label used in columns. */
export function typeLabel(type: ServiceType): string {
  return TYPE_LABEL[type] ?? type;
}

/** The glyph for a finding severity. */
export const SEVERITY_GLYPH: Record<Severity, string> = { error: "✖", warning: "▲", info: "●" };
