// The tree view as data: service → KUBE-FW/EXT/XLB/SVC/SVL → KUBE-SEP → pod ip:port, one entry per line.

import type { ServiceRow } from "../app/service-order.ts";
import { endpointKey } from "../model/keys.ts";
import type { Endpoint, Service, ServiceChains } from "../model/types.ts";
import { formatCount, formatRate, formatShare, typeLabel, vipPort } from "./format.ts";
import { sanitize } from "./sanitize.ts";

export interface TreeLine {
  readonly key: string;
  /** The service line itself (drawn bold, selectable). */
  readonly head: boolean;
  /** Tree glyphs before the text. */
  readonly prefix: string;
  readonly text: string;
  /** Numbers after the text (drawn dim). */
  readonly detail: string;
}

type ChainKind = keyof ServiceChains;
const ORDER: readonly ChainKind[] = ["fw", "ext", "xlb", "svc", "svl"];

/** The endpoint indexes drawn under one chain: all under the service chain, local ones under SVL/XLB. */
function children(s: Service, kind: ChainKind): readonly number[] {
  if (kind === "ext" || kind === "fw") return [];
  const all = s.endpoints.map((_, i) => i);
  if (kind === "svc" || s.chains.svc === null) return all;
  return all.filter((i) => s.endpoints[i]?.local === true);
}

const present = (s: Service): readonly ChainKind[] => ORDER.filter((k) => s.chains[k] !== null);

/** How many lines a service takes in the tree (without building them). */
export function treeLineCount(s: Service): number {
  const chains = present(s);
  if (chains.length === 0) return 2;
  return 1 + chains.reduce((n, k) => n + 1 + children(s, k).length, 0);
}

function endpointLine(row: ServiceRow, e: Endpoint, i: number, local: boolean): Omit<TreeLine, "key" | "prefix"> {
  const es = row.stats?.endpoints.get(endpointKey(row.service, e, i)) ?? null;
  const share = local ? (e.localProbability ?? e.probability) : e.probability;
  const text = `${sanitize(e.chain ?? "—")} → ${e.address === null ? "unresolved" : sanitize(e.address)}`;
  const parts = [
    `cfg ${formatShare(share)}`,
    `obs ${formatShare(es?.observedShare)}`,
    `${formatRate(es?.rate)} conn/s`,
    `total ${formatCount(es?.total ?? e.packets)}`,
  ];
  if (e.local === true) parts.push("local");
  return { head: false, text, detail: parts.join("  ") };
}

/** The lines of one service's subtree, keyed by chain and endpoint names. */
export function serviceTreeLines(row: ServiceRow): readonly TreeLine[] {
  const s = row.service;
  const name = s.name;
  const lines: TreeLine[] = [
    {
      key: name,
      head: true,
      prefix: "",
      text: sanitize(name),
      detail: `${typeLabel(s.type)} ${sanitize(vipPort(s))}  ${formatRate(row.stats?.rate)} conn/s`,
    },
  ];
  const chains = present(s);
  if (chains.length === 0) {
    lines.push({ key: `${name}|none`, head: false, prefix: "└─ ", text: "no NAT chains", detail: "(no endpoints)" });
  }
  chains.forEach((kind, ci) => {
    const lastChain = ci === chains.length - 1;
    const chain = s.chains[kind] ?? "";
    lines.push({
      key: `${name}|${chain}`,
      head: false,
      prefix: lastChain ? "└─ " : "├─ ",
      text: sanitize(chain),
      detail: "",
    });
    const kids = children(s, kind);
    kids.forEach((i, ki) => {
      const e = s.endpoints[i];
      if (e === undefined) return;
      const prefix = `${lastChain ? "   " : "│  "}${ki === kids.length - 1 ? "└─ " : "├─ "}`;
      const key = `${name}|${chain}|${endpointKey(s, e, i)}`;
      lines.push({ key, prefix, ...endpointLine(row, e, i, kind === "svl" || kind === "xlb") });
    });
  });
  return lines;
}
