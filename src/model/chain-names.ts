// kube-proxy's chain names: base32(sha256(servicePortName + protocol [+ endpoint]))[:16] after a prefix.

import * as crypto from "node:crypto";

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

const BASE32_CODES = Array.from(BASE32, (c) => c.charCodeAt(0));

// The 8 base32 character codes of 40 bits (10 hex digits of `hex` from `from`), into codes[at..at+8).
function base32Of40(hex: string, from: number, codes: number[], at: number): void {
  let value = Number.parseInt(hex.slice(from, from + 10), 16);
  for (let i = 7; i >= 0; i--) {
    const low = value % 32;
    codes[at + i] = BASE32_CODES[low]!;
    value = (value - low) / 32;
  }
}

const CODES: number[] = new Array(16).fill(0);

// crypto.hash (Node ≥20.12) makes no Hash object and no Buffer: ~3× faster per name than createHash.
const oneShot = typeof crypto.hash === "function" ? crypto.hash : null;

function hash16(text: string): string {
  if (oneShot === null) return base32(crypto.createHash("sha256").update(text).digest()).slice(0, 16);
  // the first 16 base32 characters are the first 80 bits of the digest
  const hex = oneShot("sha256", text, "hex");
  base32Of40(hex, 0, CODES, 0);
  base32Of40(hex, 10, CODES, 8);
  return String.fromCharCode(...CODES);
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
