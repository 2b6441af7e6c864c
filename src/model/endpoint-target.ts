// Where an endpoint chain sends connections, and the counters that count them.

import type { Rule } from "../../grammar/types.ts";
import { readDnatTarget } from "./address.ts";
import { chainPresent, chainRuleIds, jumpIds, ruleAt, type TableIndex } from "./chain-index.ts";
import { parseComment } from "./comments.ts";
import { ruleFacts } from "./rule-facts.ts";
import type { CounterSource } from "./types.ts";

/** An endpoint chain's address (or why there is none) and its counters. */
export interface EndpointTarget {
  readonly address: string | null;
  readonly addressSource: "dnat" | "comment" | null;
  /** Why the address is null. */
  readonly problem: string | null;
  /** The endpoint chain exists in the dump. */
  readonly chainPresent: boolean;
  readonly packets: number | null;
  readonly bytes: number | null;
  readonly counterSource: CounterSource | null;
}

function dnatRule(nat: TableIndex, chain: string): number | null {
  for (const id of chainRuleIds(nat, chain)) if (ruleAt(nat, id).target === "DNAT") return id;
  return null;
}

function counters(
  nat: TableIndex,
  ids: readonly number[],
): Pick<EndpointTarget, "packets" | "bytes" | "counterSource"> {
  let packets = 0;
  let bytes = 0;
  for (const id of ids) {
    const c = ruleAt(nat, id).counters;
    if (c === null) return { packets: null, bytes: null, counterSource: null };
    packets += c.packets;
    bytes += c.bytes;
  }
  if (ids.length === 0) return { packets: null, bytes: null, counterSource: null };
  return { packets, bytes, counterSource: { table: nat.name, rules: ids } };
}

/**
 * Resolves one endpoint chain: the address from its DNAT `--to-destination` (from the `ns/svc:port -> ip:port`
 * comment of the jump when the chain is absent from the dump), and counters from the DNAT rule (the sum of the
 * jumps into the chain when that rule has none).
 */
export function resolveEndpoint(nat: TableIndex, chain: string, jump: Rule): EndpointTarget {
  const present = chainPresent(nat, chain);
  const dnat = present ? dnatRule(nat, chain) : null;
  let address: string | null = null;
  let addressSource: EndpointTarget["addressSource"] = null;
  let problem: string | null = null;
  if (dnat !== null) {
    const t = readDnatTarget(ruleFacts(ruleAt(nat, dnat)).toDestination);
    if ("address" in t) {
      address = t.address;
      addressSource = "dnat";
    } else problem = t.problem;
  } else if (present) {
    problem = `${chain} has no DNAT rule`;
  } else {
    const c = parseComment(ruleFacts(jump).comment);
    const t = c?.address ? readDnatTarget(c.address) : null;
    if (t !== null && "address" in t) {
      address = t.address;
      addressSource = "comment";
    } else problem = `${chain} is not in the dump and the jump's comment names no address`;
  }
  const fromDnat = dnat !== null ? counters(nat, [dnat]) : null;
  const count = fromDnat?.counterSource ? fromDnat : counters(nat, jumpIds(nat, chain));
  return { address, addressSource, problem, chainPresent: present, ...count };
}
