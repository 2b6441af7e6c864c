// Small text helpers for kube-proxy-shaped rules: comments, probabilities, addresses.

import ipaddr from "ipaddr.js";

/** `-m comment --comment X`, quoted only when the text has a space (kube-proxy's own spelling). */
export function comment(text: string): string {
  return `-m comment --comment ${text.includes(" ") ? `"${text}"` : text}`;
}

/** kube-proxy's `--probability` value for the i-th of n remaining endpoints: 1/n with fixed decimals. */
export function probabilityText(remaining: number, decimals: number): string {
  return (1 / remaining).toFixed(decimals);
}

/** An address in its canonical text form (IPv6 compressed, lower case), as kube-proxy and iptables-save print it. */
export function canonicalIP(ip: string): string {
  return ipaddr.parse(ip).toString();
}

/** `ip:port`, or `[ip]:port` for IPv6: the DNAT target and the SEP hash input. */
export function hostPort(ip: string, port: number): string {
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** True when `ip` lies inside `cidr` (same family); false for unparsable input. */
export function cidrContains(cidr: string, ip: string): boolean {
  try {
    const address = ipaddr.parse(ip);
    const range = ipaddr.parseCIDR(cidr);
    return address.kind() === range[0].kind() && address.match(range);
  } catch {
    return false;
  }
}
