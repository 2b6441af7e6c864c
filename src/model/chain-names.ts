// kube-proxy's chain names: base32(sha256(servicePortName + protocol [+ endpoint]))[:16] after a prefix.

import { createHash } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 (upper case, no padding) of a byte array. */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function hash16(text: string): string {
  return base32(createHash("sha256").update(text).digest()).slice(0, 16);
}

// Memo of service-port hashes: rebuilding the topology after a rule change re-checks mostly the same names.
const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

/** The 16-character suffix shared by KUBE-SVC/SVL/EXT/FW/XLB chains of one service port. */
export function servicePortHash(servicePortName: string, protocol: string): string {
  const input = servicePortName + protocol.toLowerCase();
  let h = memo.get(input);
  if (h === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    h = hash16(input);
    memo.set(input, h);
  }
  return h;
}

/** A service-port chain name, e.g. serviceChainName("KUBE-SVC", "default/kubernetes:https", "tcp"). */
export function serviceChainName(prefix: string, servicePortName: string, protocol: string): string {
  return `${prefix}-${servicePortHash(servicePortName, protocol)}`;
}

/** The KUBE-SEP chain name of one endpoint (`ip:port`, IPv6 as `[ip]:port`) of a service port. */
export function endpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(servicePortName + protocol.toLowerCase() + endpoint)}`;
}
