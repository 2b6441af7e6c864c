// Address matching for the tracer: single addresses and CIDRs, IPv4 and IPv6, via ipaddr.js.

import ipaddr from "ipaddr.js";

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

// Dumps repeat the same few thousand addresses; parse each once (bounded, so a long session cannot grow it forever).
const parsed = new Map<string, Addr | null>();
const ranges = new Map<string, [Addr, number] | null>();
const CACHE_LIMIT = 200_000;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Parses an address, or null when it is not one. IPv4-mapped IPv6 stays IPv6. */
export function parseAddress(text: string): Addr | null {
  const hit = parsed.get(text);
  if (hit !== undefined) return hit;
  try {
    return remember(parsed, text, ipaddr.parse(text.trim()));
  } catch {
    return remember(parsed, text, null);
  }
}

// `10.0.0.0/8`, `10.0.0.1`, `10.0.0.0/255.0.0.0` → base and prefix length, or null.
function parseRange(spec: string): [Addr, number] | null {
  const hit = ranges.get(spec);
  if (hit !== undefined) return hit;
  const slash = spec.indexOf("/");
  const base = parseAddress(slash === -1 ? spec : spec.slice(0, slash));
  if (!base) return remember(ranges, spec, null);
  const max = base.kind() === "ipv4" ? 32 : 128;
  let bits = max;
  if (slash !== -1) {
    const suffix = spec.slice(slash + 1);
    // iptables -S can print a dotted netmask: 10.0.0.0/255.0.0.0
    bits = /^\d+$/.test(suffix) ? Number(suffix) : (parseAddress(suffix)?.prefixLengthFromSubnetMask() ?? -1);
  }
  return remember(ranges, spec, bits < 0 || bits > max ? null : [base, bits]);
}

/** True when `text` is an IPv4 or IPv6 address. */
export function isAddress(text: string): boolean {
  return parseAddress(text) !== null;
}

/** Does `address` fall in `spec` (`10.0.0.0/8`, `10.0.0.1`, `fd00::/64`)? Null when spec is not an address. */
export function inRange(address: string, spec: string): boolean | null {
  const a = parseAddress(address);
  const range = parseRange(spec);
  if (!a || !range) return null;
  if (range[0].kind() !== a.kind()) return false;
  return a.match(range[0], range[1]);
}

/** Is `address` an iptables-range `a-b` member (inclusive)? Null when the range is not addresses. */
export function inSpan(address: string, span: string): boolean | null {
  const [lo, hi] = span.split("-");
  const a = parseAddress(address);
  const l = lo ? parseAddress(lo) : null;
  const h = hi ? parseAddress(hi) : l;
  if (!a || !l || !h) return null;
  if (a.kind() !== l.kind() || a.kind() !== h.kind()) return false;
  const key = (x: Addr) =>
    x
      .toByteArray()
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
  return key(a) >= key(l) && key(a) <= key(h);
}

/** Is `address` one of the node's (given) addresses or loopback? */
export function isLocalAddress(address: string, nodeIPs: readonly string[]): boolean {
  const a = parseAddress(address);
  if (!a) return false;
  if (a.range() === "loopback") return true;
  const norm = a.toNormalizedString();
  return nodeIPs.some((ip) => parseAddress(ip)?.toNormalizedString() === norm);
}

/** `ip:port` with IPv6 in brackets. */
export function hostPort(ip: string, port: number | string): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** Splits a DNAT `--to-destination` (`10.0.0.1:80`, `[fd00::1]:80`, `10.0.0.1`, ranges) into address and port. */
export function splitDestination(to: string): { ip: string; port: number | null } | null {
  let ip: string;
  let port: string | undefined;
  if (to.startsWith("[")) {
    const end = to.indexOf("]");
    if (end === -1) return null;
    ip = to.slice(1, end);
    port = to.slice(end + 1).replace(/^:/, "") || undefined;
  } else if ((to.match(/:/g) ?? []).length > 1) {
    ip = to;
  } else {
    [ip, port] = to.split(":") as [string, string | undefined];
  }
  ip = ip.split("-")[0] ?? ip;
  if (!isAddress(ip)) return null;
  const first = port?.split("-")[0];
  const n = first !== undefined && /^\d+$/.test(first) ? Number(first) : null;
  return { ip, port: n };
}
