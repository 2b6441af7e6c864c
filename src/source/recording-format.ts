// The recording format (`--record FILE`, read back by `--replay FILE`).
//
// A recording is a series of gzip members, one per sample, appended (and fsynced) as each sample is taken. Gzip
// allows members to be concatenated, so the whole file is an ordinary gzip stream: `zcat FILE` shows every sample.
// Each member decompresses to one sample:
//
//   # kube-nat-top sample {"v":1,"takenAt":…,"durationMs":…,"notes":[…],"source":"…","by":"…","bytes":N,"bytes6":M}\n
//   N bytes: the dump text (UTF-8), exactly as read
//   M bytes: the IPv6 dump, only when the sample has one (`--family both`; "bytes6" is absent otherwise)
//
// The header is one line of JSON after a fixed prefix: takenAt (ms since the epoch, as read), durationMs, notes,
// family (4 or 6, only when the source said), source (the label of what was recorded), by (the recorder's
// version). Every member's gzip header carries its own length in an extra field (RFC 1952 FEXTRA, subfield "KN",
// 4 bytes little-endian: the whole member's size), so a reader can step from sample to sample without inflating
// the rest of the file, and knows when the last member was cut short. A crash while appending therefore loses at
// most the sample being written; every complete member before it replays.

import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import type { DumpRead } from "./types.ts";

const gzipAsync = promisify(gzip);

/** The prefix of each sample's header line. */
export const SAMPLE_PREFIX = "# kube-nat-top sample ";
/** The format version written; readers refuse higher ones. */
export const FORMAT_VERSION = 1;
/** Bytes before the extra field: magic (2), method, flags, mtime (4), xfl, os, then XLEN (2). */
export const FIXED_HEADER = 12;
const EXTRA = Buffer.from([0x4b, 0x4e, 4, 0]); // subfield id "KN", length 4
const EXTRA_LENGTH = EXTRA.length + 4;
const FEXTRA = 0x04;

/** One sample as the recording holds it. */
export interface RecordedSample {
  readonly read: DumpRead;
  /** The label of the source it came from, e.g. "local (iptables-save -c)". */
  readonly source: string | null;
}

interface Header {
  readonly v: number;
  readonly takenAt: number;
  readonly durationMs: number;
  readonly notes?: readonly string[];
  readonly family?: 4 | 6;
  readonly source?: string;
  readonly by?: string;
  readonly bytes: number;
  readonly bytes6?: number;
}

/** One sample as a gzip member carrying its own length; compressed off the main thread (zlib's pool), fast level. */
export async function encodeSample(read: DumpRead, source: string, by: string): Promise<Buffer> {
  const text = Buffer.from(read.text, "utf8");
  const text6 = read.text6 === undefined ? null : Buffer.from(read.text6, "utf8");
  const header: Header = {
    v: FORMAT_VERSION,
    takenAt: read.takenAt,
    durationMs: read.durationMs,
    notes: read.notes,
    ...(read.family !== undefined ? { family: read.family } : {}),
    source,
    by,
    bytes: text.length,
    ...(text6 ? { bytes6: text6.length } : {}),
  };
  const line = Buffer.from(`${SAMPLE_PREFIX}${JSON.stringify(header)}\n`, "utf8");
  // level 1: a 22 MB dump takes ~0.2 s instead of ~0.5 s, for a file ~10% larger
  const plain = await gzipAsync(Buffer.concat(text6 ? [line, text, text6] : [line, text]), { level: 1 });
  // zlib writes a bare 10-byte header (no flags); rebuild it with the length field, keeping body and trailer
  if (plain[3] !== 0) throw new Error("unexpected gzip header from zlib");
  const member = Buffer.alloc(plain.length + 2 + EXTRA_LENGTH);
  plain.copy(member, 0, 0, 10);
  member[3] = FEXTRA;
  member.writeUInt16LE(EXTRA_LENGTH, 10);
  EXTRA.copy(member, FIXED_HEADER);
  member.writeUInt32LE(member.length, FIXED_HEADER + EXTRA.length);
  plain.copy(member, FIXED_HEADER + EXTRA_LENGTH, 10);
  return member;
}

/**
 * The whole member's size from its first bytes (the fixed header plus the extra field), or null when they are not
 * the start of a member this format writes.
 */
export function memberSize(head: Buffer): number | null {
  if (head.length < FIXED_HEADER || head[0] !== 0x1f || head[1] !== 0x8b || head[2] !== 8) return null;
  if (((head[3] ?? 0) & FEXTRA) === 0) return null;
  const xlen = head.readUInt16LE(10);
  const extra = head.subarray(FIXED_HEADER, FIXED_HEADER + xlen);
  for (let at = 0; at + 4 <= extra.length; ) {
    const length = extra.readUInt16LE(at + 2);
    if (extra[at] === EXTRA[0] && extra[at + 1] === EXTRA[1] && length === 4 && at + 8 <= extra.length)
      return extra.readUInt32LE(at + 4);
    at += 4 + length;
  }
  return null;
}

/** Bytes a reader needs to find a member's size: the fixed header and the longest extra field this format writes. */
export const HEAD_BYTES = FIXED_HEADER + EXTRA_LENGTH;

/** A whole member back to a sample; throws an Error whose message says what is wrong with it. */
export function decodeSample(member: Buffer): RecordedSample {
  const content = gunzipSync(member);
  const newline = content.indexOf(0x0a);
  const line = content.subarray(0, newline < 0 ? content.length : newline).toString("utf8");
  if (newline < 0 || !line.startsWith(SAMPLE_PREFIX)) throw new Error("a member without a sample header");
  const header = parseHeader(line.slice(SAMPLE_PREFIX.length));
  const start = newline + 1;
  const bytes6 = header.bytes6 ?? 0;
  if (start + header.bytes + bytes6 !== content.length) throw new Error("a sample whose length does not match");
  const text = content.subarray(start, start + header.bytes).toString("utf8");
  const read: DumpRead = {
    takenAt: header.takenAt,
    durationMs: header.durationMs,
    text,
    notes: header.notes ?? [],
    ...(header.family !== undefined ? { family: header.family } : {}),
    ...(header.bytes6 !== undefined
      ? { text6: content.subarray(start + header.bytes, content.length).toString("utf8") }
      : {}),
  };
  return { read, source: header.source ?? null };
}

function parseHeader(json: string): Header {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error("a sample header that is not JSON");
  }
  const h = value as Partial<Header> | null;
  if (typeof h !== "object" || h === null) throw new Error("a sample header that is not an object");
  if (typeof h.v !== "number" || h.v > FORMAT_VERSION)
    throw new Error(`format version ${String(h.v)}, newer than this kube-nat-top reads (${FORMAT_VERSION})`);
  const count = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 0;
  if (typeof h.takenAt !== "number" || !Number.isFinite(h.takenAt)) throw new Error("a sample without its time");
  if (!count(h.bytes) || (h.bytes6 !== undefined && !count(h.bytes6))) throw new Error("a sample without its length");
  const notes = Array.isArray(h.notes) ? h.notes.filter((n): n is string => typeof n === "string") : [];
  return {
    v: h.v,
    takenAt: h.takenAt,
    durationMs: typeof h.durationMs === "number" && h.durationMs >= 0 ? h.durationMs : 0,
    notes,
    ...(h.family === 4 || h.family === 6 ? { family: h.family } : {}),
    ...(typeof h.source === "string" ? { source: h.source } : {}),
    bytes: h.bytes as number,
    ...(h.bytes6 !== undefined ? { bytes6: h.bytes6 } : {}),
  };
}
