// Collects chain declarations and rules of one table and renders them as iptables-restore text.

const BUILTIN_CHAINS: Readonly<Record<string, readonly string[]>> = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
};

/** One table being written: user chains in declaration order and rules in write order. */
export class TableWriter {
  private readonly chains: string[] = [];
  private readonly declared = new Set<string>();
  /** Every rule in write order. */
  private readonly lines: string[] = [];
  /** The same rules bucketed by chain, in write order within each chain. */
  private readonly byChain = new Map<string, string[]>();
  private builtins = false;

  constructor(readonly name: "filter" | "nat") {}

  /** Declares a user chain (once). */
  declare(chain: string): void {
    if (this.declared.has(chain)) return;
    this.declared.add(chain);
    this.chains.push(chain);
  }

  /** Declares the table's built-in chains too (needed when rules are added to them). */
  declareBuiltins(): void {
    this.builtins = true;
  }

  /** Appends `-A chain part part …`, skipping empty parts. */
  rule(chain: string, ...parts: string[]): void {
    let text = `-A ${chain}`;
    for (const p of parts) if (p !== "") text += ` ${p}`;
    this.lines.push(text);
    const bucket = this.byChain.get(chain);
    if (bucket) bucket.push(text);
    else this.byChain.set(chain, [text]);
  }

  /** The table as restore text. `first` chains lead and the rest are sorted (v1.24+ test layout); else write order. */
  render(layout: { readonly first: readonly string[] } | "write-order"): string {
    const out: string[] = [`*${this.name}`];
    const builtins = this.builtins ? (BUILTIN_CHAINS[this.name] ?? []) : [];
    for (const b of builtins) out.push(`:${b} ACCEPT [0:0]`);
    if (layout === "write-order") {
      for (const c of this.chains) out.push(`:${c} - [0:0]`);
      for (const l of this.lines) out.push(l);
    } else {
      const first = layout.first.filter((c) => this.declared.has(c));
      const leading = new Set(first);
      const chains = [...first, ...this.chains.filter((c) => !leading.has(c)).sort()];
      for (const c of chains) out.push(`:${c} - [0:0]`);
      for (const c of [...builtins, ...chains]) for (const l of this.byChain.get(c) ?? []) out.push(l);
    }
    out.push("COMMIT");
    return out.join("\n");
  }
}
