// Verdicts as screen text: status glyphs and tones, the detail's headline and load line, the header's dump line.

import type { ServiceRow } from "../app/service-order.ts";
import { describeSkew } from "../stats/skew.ts";
import type { Verdict, VerdictReason, VerdictStatus } from "../verdict/index.ts";
import { fitCell } from "./fit-cell.ts";
import { sanitize } from "./sanitize.ts";
import type { Tone } from "./theme.ts";
import { wrapText } from "./wrap.ts";

/** The glyph for a verdict status. */
export const STATUS_GLYPH: Record<VerdictStatus, string> = { error: "✖", warning: "▲", ok: "✓" };

/** The colour tone for a verdict status. */
export const STATUS_TONE: Record<VerdictStatus, Tone> = { error: "error", warning: "warning", ok: "good" };

/** Lines the detail's headline may take; a longer sentence is cut with "…". */
export const HEADLINE_MAX_LINES = 3;

/** The verdict sentence behind its glyph, wrapped to `width` (continuations indented under the text). */
export function headlineLines(verdict: Verdict, width: number): string[] {
  const lines = wrapText(`${STATUS_GLYPH[verdict.status]} ${sanitize(verdict.sentence)}`, width, 2);
  if (lines.length <= HEADLINE_MAX_LINES) return lines;
  const kept = lines.slice(0, HEADLINE_MAX_LINES);
  kept[HEADLINE_MAX_LINES - 1] = fitCell(`${kept[HEADLINE_MAX_LINES - 1]} …`, width).trimEnd();
  return kept;
}

/** The reasons the headline does not already say (the headline is the first problem, or healthy plus notes). */
export function otherReasons(verdict: Verdict): readonly VerdictReason[] {
  return verdict.reasons.filter((r) => !verdict.sentence.includes(r.sentence));
}

/** The skew test as one line ("load: skewed (p = …) …"), or null without live counts for every endpoint. */
export function loadLine(verdict: Verdict | null): { text: string; tone?: Tone } | null {
  const skew = verdict?.skew ?? null;
  if (skew === null) return null;
  const text = `load: ${sanitize(describeSkew(skew))}`;
  if (skew.insufficient) return { text };
  const over = ` over ${skew.total} connections`;
  return skew.skewed ? { text: `${text}${over} · ? explains`, tone: "warning" } : { text: `${text}${over}` };
}

/** Lines the detail draws above its scrolling part, as they will be drawn at `width`. */
export function detailHead(row: ServiceRow, width: number): { headline: string[]; load: ReturnType<typeof loadLine> } {
  return { headline: row.verdict ? headlineLines(row.verdict, width) : [], load: loadLine(row.verdict) };
}

/** The header's line about the dump itself, or null when it reads cleanly. */
export function dumpLine(dump: Verdict | null): string | null {
  if (dump === null || dump.status === "ok") return null;
  const more = otherReasons(dump).filter((r) => r.severity !== "info").length;
  return `${STATUS_GLYPH[dump.status]} ${sanitize(dump.sentence)}${more ? ` (+${more} more)` : ""}`;
}
