// Collects diagnostics, at most one per line, and caps the list so garbage input stays small.
import type { Diagnostic } from "./types.ts";

/** Diagnostics kept before the rest are only counted. */
export const MAX_DIAGNOSTICS = 1000;

/** A capped diagnostic list; the overflow becomes one summary diagnostic. */
export class DiagnosticList {
  private readonly items: Diagnostic[] = [];
  private suppressed = 0;
  private firstSuppressedLine = 0;

  /** Records a problem at a 1-based line and column. */
  add(line: number, column: number, message: string): void {
    if (this.items.length < MAX_DIAGNOSTICS) {
      this.items.push({ line, column, message });
      return;
    }
    if (this.suppressed === 0) this.firstSuppressedLine = line;
    this.suppressed++;
  }

  /** The diagnostics in line order, with a summary of those not listed. */
  finish(): Diagnostic[] {
    if (this.suppressed > 0) {
      const message = `${this.suppressed} more problem line${this.suppressed === 1 ? "" : "s"} not listed`;
      this.items.push({ line: this.firstSuppressedLine, column: 1, message });
    }
    return this.items;
  }
}
