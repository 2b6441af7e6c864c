// What every step needs to know about the dump as a whole.

import type { TableIndex } from "./chain-index.ts";
import type { Severity } from "./types.ts";

/** Facts about the dump that change how absent chains and broken rules are judged. */
export interface ModelContext {
  readonly nat: TableIndex;
  /** A partial-sync restore payload (-X/-F lines, restore input): chains of unchanged services are left out. */
  readonly partial: boolean;
  /** A header-less paste (grep output, `iptables -S` lines): chains are not declared, so absence proves little. */
  readonly pasted: boolean;
  /** The line of the last rule of a table with no COMMIT: the dump was cut there, so that rule may be broken. */
  readonly cutLine: number | null;
}

/** How loud to be about a chain the dump references but does not hold. */
export function absenceSeverity(ctx: ModelContext): Severity {
  return ctx.partial || ctx.pasted ? "info" : "warning";
}
