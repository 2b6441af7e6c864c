// Reads `--to IP:PORT[/tcp|udp|sctp]` (IPv6 as `[fd00::1]:80`) into a destination, or says what is wrong.

import { isAddress } from "./address.ts";
import type { Protocol } from "./types.ts";

const PROTOCOLS: readonly Protocol[] = ["tcp", "udp", "sctp"];

/** Parses a trace destination; protocol defaults to tcp. */
export function parsePacketTarget(text: string): { dst: string; dport: number; proto: Protocol } | { error: string } {
  const usage = `--to wants IP:PORT[/tcp|udp|sctp], e.g. 10.96.0.10:53/udp or [fd00::10]:443 (got "${text}")`;
  const slash = text.lastIndexOf("/");
  const proto = (slash === -1 ? "tcp" : text.slice(slash + 1).toLowerCase()) as Protocol;
  if (!PROTOCOLS.includes(proto)) return { error: usage };
  const hostPort = slash === -1 ? text : text.slice(0, slash);
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(hostPort) ?? /^([^:[\]]+):(\d+)$/.exec(hostPort);
  if (!m) return { error: usage };
  const dst = m[1]!;
  const dport = Number(m[2]);
  if (!isAddress(dst)) return { error: `--to: "${dst}" is not an IP address` };
  if (!Number.isInteger(dport) || dport < 0 || dport > 65535) return { error: `--to: port ${m[2]} is out of range` };
  return { dst, dport, proto };
}
