// Test helper: restore text split into tables, chain declarations and per-chain rule lists (order within a chain kept).

export interface TableView {
  readonly declared: readonly string[];
  /** "chain" → its rules in order. */
  readonly chains: ReadonlyMap<string, readonly string[]>;
}

/** Splits restore/save text by table; rules keep their order within each chain, counters stripped. */
export function tables(text: string): Map<string, TableView> {
  const out = new Map<string, { declared: string[]; chains: Map<string, string[]> }>();
  let current: { declared: string[]; chains: Map<string, string[]> } | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/^\[\d+:\d+\] /, "");
    if (line.startsWith("*")) {
      current = { declared: [], chains: new Map() };
      out.set(line.slice(1), current);
    } else if (current && line.startsWith(":")) {
      current.declared.push(line.slice(1).split(" ")[0]!);
    } else if (current && line.startsWith("-A ")) {
      const chain = line.split(" ")[1]!;
      const list = current.chains.get(chain) ?? [];
      list.push(line);
      current.chains.set(chain, list);
    }
  }
  return out;
}

/** A comparable form: declarations sorted, chains sorted by name, rules in order. */
export function normalized(
  text: string,
): Record<string, { declared: string[]; chains: Record<string, readonly string[]> }> {
  const result: Record<string, { declared: string[]; chains: Record<string, readonly string[]> }> = {};
  for (const [name, view] of tables(text)) {
    const chains: Record<string, readonly string[]> = {};
    for (const chain of [...view.chains.keys()].sort()) chains[chain] = view.chains.get(chain)!;
    result[name] = { declared: [...view.declared].sort(), chains };
  }
  return result;
}
