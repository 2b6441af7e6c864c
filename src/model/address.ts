// Addresses as kube-proxy writes them: `-d 10.0.0.1/32`, DNAT targets `10.244.1.2:8080` / `[fd00::1]:8080`.

/** `10.0.0.1/32` → `10.0.0.1`, `fd00::1/128` → `fd00::1`; other prefixes are kept. */
export function stripHostPrefix(address: string): string {
  if (address.endsWith("/32") && !address.includes(":")) return address.slice(0, -3);
  if (address.endsWith("/128")) return address.slice(0, -4);
  return address;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** A dotted-quad IPv4 address (no shorthand forms). */
export function isIPv4(text: string): boolean {
  const m = IPV4.exec(text);
  return m !== null && Number(m[1]) <= 255 && Number(m[2]) <= 255 && Number(m[3]) <= 255 && Number(m[4]) <= 255;
}

const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

/** An IPv6 address in any RFC 4291 text form (`::`, embedded IPv4), without zone or prefix. */
export function isIPv6(text: string): boolean {
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === "" ? [] : h.split(":")));
  let count = 0;
  for (const [hi, half] of groups.entries()) {
    for (const [gi, g] of half.entries()) {
      const last = hi === groups.length - 1 && gi === half.length - 1;
      if (last && g.includes(".")) {
        if (!isIPv4(g)) return false;
        count += 2;
      } else if (HEXTET.test(g)) count++;
      else return false;
    }
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

function isUnspecified(ip: string): boolean {
  return ip === "0.0.0.0" || (ip.includes(":") && /^[0:.]*$/.test(ip) && !/[1-9]/.test(ip));
}

/** A DNAT target read: the endpoint address, or why it cannot be one. */
export type DnatTarget = { readonly address: string } | { readonly problem: string };

// A decimal number of 1–`digits` digits at [from, to) of text, or -1.
function decimalAt(text: string, from: number, to: number, digits: number): number {
  if (to <= from || to - from > digits) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** True for the common DNAT target `a.b.c.d:port` (port 1–65535, not 0.0.0.0), read without allocating. */
export function isPlainIPv4Target(text: string): boolean {
  let from = 0;
  let zero = true;
  for (let part = 0; part < 4; part++) {
    const end = text.indexOf(part < 3 ? "." : ":", from);
    if (end < 0) return false;
    const n = decimalAt(text, from, end, 3);
    if (n < 0 || n > 255) return false;
    if (n !== 0) zero = false;
    from = end + 1;
  }
  const port = decimalAt(text, from, text.length, 5);
  return !zero && port >= 1 && port <= 65535;
}

/** Reads a `--to-destination` value as one endpoint `ip:port` (`[ip6]:port`); anything else is a problem. */
export function readDnatTarget(text: string | null): DnatTarget {
  if (text === null) return { problem: "the DNAT rule has no --to-destination" };
  if (isPlainIPv4Target(text)) return { address: text };
  if (text.trim() === "") return { problem: "the DNAT target is empty" };
  let ip: string;
  let port: string | null = null;
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracket) {
    ip = bracket[1]!;
    port = bracket[2] ?? null;
    if (!isIPv6(ip)) return { problem: `the DNAT target ${JSON.stringify(text)} is not an address` };
  } else if (text.indexOf(":") !== text.lastIndexOf(":") && isIPv6(text)) {
    ip = text;
  } else {
    const colon = text.lastIndexOf(":");
    ip = colon >= 0 ? text.slice(0, colon) : text;
    port = colon >= 0 ? text.slice(colon + 1) : null;
    if (!isIPv4(ip)) return { problem: `the DNAT target ${JSON.stringify(text)} is not an address` };
  }
  if (isUnspecified(ip)) return { problem: `the DNAT target ${text} is the unspecified address` };
  if (port !== null) {
    if (!/^\d{1,5}$/.test(port)) return { problem: `the DNAT target ${JSON.stringify(text)} is not one ip:port` };
    const n = Number(port);
    if (n < 1 || n > 65535) return { problem: `the DNAT target ${text} has port ${n}` };
  }
  return { address: text };
}
