// Chains nothing reaches (orphan SEPs) and jumps to chains the dump does not have (dangling jumps).

import { detach } from "../../grammar/detach.ts";
import { readDnatTarget } from "./address.ts";
import type { TableIndex } from "./chain-index.ts";
import { isSepChain } from "./chain-kinds.ts";
import { parseComment } from "./comments.ts";
import { absenceSeverity, type ModelContext } from "./context.ts";
import { finding } from "./findings.ts";
import { ruleFacts } from "./rule-facts.ts";
import type { Finding } from "./types.ts";

/** The service name a chain belongs to, or null. */
export type OwnerOf = (chain: string) => string | null;

// Mark chains: kubelet's KUBE-MARK-DROP is never in kube-proxy's ≤1.23 payloads; neither says where traffic goes.
const NOT_DANGLING = new Set(["KUBE-MARK-DROP", "KUBE-MARK-MASQ"]);

function sepOrphans(ctx: ModelContext): Finding[] {
  const nat = ctx.nat;
  const out: Finding[] = [];
  const withRules = nat.withRules;
  for (let i = 0; i < withRules.length; i++) {
    const e = withRules[i]!;
    const chain = e.name;
    if (e.firstJump !== null || !isSepChain(chain)) continue;
    const rules = e.rules;
    let name: string | null = null;
    let address: string | null = null;
    for (const rule of rules) {
      const f = ruleFacts(rule);
      name ??= parseComment(f.comment)?.name ?? null;
      if (rule.target === "DNAT") {
        const t = readDnatTarget(f.toDestination);
        if ("address" in t) address = t.address;
      }
    }
    const what = [name, address === null ? null : `→ ${address}`].filter((x) => x !== null).join(" ");
    out.push(
      finding(
        "orphan-chain",
        absenceSeverity(ctx),
        `${chain}${what ? ` (${what})` : ""} has rules but nothing jumps to it, so no traffic reaches it: stale rules left behind?`,
        { service: name, chain, line: rules[0]!.line },
      ),
    );
  }
  return out;
}

function dangling(ctx: ModelContext, index: TableIndex, ownerOf: OwnerOf): Finding[] {
  const out: Finding[] = [];
  const jumped = index.jumped;
  for (let i = 0; i < jumped.length; i++) {
    const e = jumped[i]!;
    const target = e.name;
    if (e.present || !target.startsWith("KUBE-") || NOT_DANGLING.has(target)) continue;
    const from = e.firstJump!;
    const service = ownerOf(target) ?? ownerOf(from.chain);
    const unknown = service === null ? "" : `, so what ${service} does past it is unknown`;
    const why = ctx.partial
      ? `is not in this payload (a partial sync leaves unchanged chains out)${unknown}`
      : ctx.pasted
        ? `is not in this paste${unknown}`
        : `is not in the dump: the dump was cut or edited, or the chain was deleted${unknown}`;
    const fromChain = detach(from.chain); // kept in the message: not a slice of the dump
    out.push(
      finding("dangling-jump", absenceSeverity(ctx), `${fromChain} jumps to ${target}, which ${why}.`, {
        service,
        chain: target,
        line: from.line,
      }),
    );
  }
  return out;
}

/** Orphan KUBE-SEP chains and dangling jumps to KUBE-* chains, with the service each belongs to when known. */
export function chainFindings(ctx: ModelContext, tables: readonly TableIndex[], ownerOf: OwnerOf): Finding[] {
  const out = sepOrphans(ctx);
  for (const t of tables) out.push(...dangling(ctx, t, ownerOf));
  return out;
}
