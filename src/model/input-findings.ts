// Findings about the dump as a whole: cut off, unreadable lines, another proxy mode or backend, no kube-proxy.

import type { ParsedDump } from "../../grammar/types.ts";
import { chainPresent, type TableIndex } from "./chain-index.ts";
import { finding } from "./findings.ts";
import type { Finding } from "./types.ts";

/** What buildTopology learnt about the dump before reading services. */
export interface InputFacts {
  readonly dump: ParsedDump;
  readonly nat: TableIndex;
  readonly partial: boolean;
  readonly ipvsLine: number | null;
  readonly serviceCount: number;
}

const NFT = /\bnft(?:ables)?\b/i;
// Diagnostics about lines that were never rule text (prompts, prose), as opposed to rule text that breaks off.
const PROSE = /not rule text|shell prompt|shell command|iptables -L|binary data|nft/i;

function foreignDnat(nat: TableIndex): Finding | null {
  const chains = new Set<string>();
  let first: number | null = null;
  const jumps = nat.chains.get("DNAT");
  const more = jumps?.moreJumps ?? [];
  for (let i = -1; i < more.length; i++) {
    const rule = i < 0 ? jumps?.firstJump : more[i];
    if (rule == null || rule.chain.startsWith("KUBE-")) continue;
    chains.add(rule.chain);
    first ??= rule.line;
  }
  if (chains.size === 0) return null;
  const list = [...chains].slice(0, 5).join(", ") + (chains.size > 5 ? ", …" : "");
  return finding(
    "foreign-dnat",
    "info",
    `DNAT rules outside kube-proxy's chains (${list}: Docker, CNI host ports or others) are not service endpoints and are not shown.`,
    { line: first },
  );
}

/** Findings about the input itself, in a fixed order. */
export function inputFindings(facts: InputFacts): Finding[] {
  const { dump, nat } = facts;
  const out: Finding[] = [];
  if (dump.format === "iptables-save" || dump.format === "iptables-restore") {
    for (const t of dump.tables) {
      if (t.committed || t.implicit) continue;
      out.push(
        finding(
          "truncated-input",
          "warning",
          `The ${t.name} table has no COMMIT line: the dump looks cut off, and rules after the cut are missing.`,
          { line: t.line },
        ),
      );
    }
  }
  const last = dump.diagnostics[dump.diagnostics.length - 1];
  if (last && last.line === dump.lineCount && !PROSE.test(last.message) && out.length === 0) {
    out.push(
      finding(
        "truncated-input",
        "warning",
        `The last line (${last.line}) could not be read (${last.message}): the input looks cut off there.`,
        { line: last.line },
      ),
    );
  }
  if (dump.diagnostics.length > 0) {
    const d = dump.diagnostics[0]!;
    const n = dump.diagnostics.length;
    out.push(
      finding(
        "unparsed-lines",
        "warning",
        `${n} input line${n === 1 ? " was" : "s were"} skipped or read with a note (first at line ${d.line}: ${d.message}); see the diagnostics.`,
        { line: d.line },
      ),
    );
  }
  if (dump.approximateCounters) {
    out.push(
      finding(
        "approximate-counters",
        "info",
        "Counters come from an iptables -L -v listing without -x (12K, 3M): they are rounded, so packet and byte counts are approximate (list with -x for exact ones).",
      ),
    );
  }
  if (dump.diagnostics.some((d) => NFT.test(d.message))) {
    out.push(
      finding(
        "nftables-mode",
        "warning",
        "The input looks like nftables (nft list) output: kube-proxy's nftables mode is not read by this version, only iptables dumps.",
      ),
    );
  }
  if (facts.ipvsLine !== null) {
    out.push(
      finding(
        "ipvs-mode",
        "warning",
        "kube-proxy runs in IPVS mode: KUBE-SERVICES matches ipsets and services live in IPVS (see ipvsadm -Ln), not in iptables chains.",
        { chain: "KUBE-SERVICES", line: facts.ipvsLine },
      ),
    );
  }
  if (dump.legacyTablesWarning) {
    out.push(
      finding(
        "legacy-tables-present",
        "warning",
        "iptables-legacy tables exist besides the nftables ones: kube-proxy may be writing to the other backend (compare with iptables-legacy-save).",
      ),
    );
  }
  if (!chainPresent(nat, "KUBE-SERVICES") && facts.serviceCount === 0 && !out.some((f) => f.code === "nftables-mode")) {
    const why = nat.table === null ? "there is no nat table" : "the nat table has no KUBE-SERVICES chain";
    out.push(
      finding(
        "no-kube-proxy-rules",
        "warning",
        `No kube-proxy service rules found (${why}): is kube-proxy in iptables mode, and was the right backend (iptables-nft or iptables-legacy) read?`,
      ),
    );
  }
  if (facts.partial) {
    out.push(
      finding(
        "partial-sync-payload",
        "info",
        "This is iptables-restore input (-X/-F lines): a kube-proxy partial sync carries only changed chains, so services whose chains are not in it show no endpoints.",
      ),
    );
  }
  const foreign = foreignDnat(nat);
  if (foreign !== null) out.push(foreign);
  return out;
}
