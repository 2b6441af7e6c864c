// Findings as plain data: a stable code, a severity and a sentence.

import type { Finding, FindingCode, Severity } from "./types.ts";

/** Where a finding points. */
export interface FindingAt {
  readonly service?: string | null;
  readonly chain?: string | null;
  readonly line?: number | null;
}

/** Makes one finding. */
export function finding(code: FindingCode, severity: Severity, message: string, at: FindingAt = {}): Finding {
  return { code, severity, message, service: at.service ?? null, chain: at.chain ?? null, line: at.line ?? null };
}

/** Formats a share as a percentage for messages: 0.3333 → "33.3%". */
export function percent(share: number): string {
  const p = share * 100;
  return `${Number.isInteger(p) ? p : p.toFixed(p < 1 ? 3 : 1)}%`;
}
