// Where an endpoint chain sends connections, and the counters that count them.

import type { Rule } from "../../grammar/types.ts";
import { readDnatTarget } from "./address.ts";
import { type ChainEntry, entryJumps, ruleIndex, type TableIndex } from "./chain-index.ts";
import { parseComment } from "./comments.ts";
import { optionValue } from "./rule-facts.ts";
import type { CounterSource } from "./types.ts";

/** An endpoint chain's address (or why there is none) and its counters. */
export interface EndpointTarget {
  address: string | null;
  addressSource: "dnat" | "comment" | null;
  /** Why the address is null. */
  problem: string | null;
  /** The endpoint chain exists in the dump. */
  chainPresent: boolean;
  packets: number | null;
  bytes: number | null;
  counterSource: CounterSource | null;
}

/** A blank target to resolve into (one per build is reused: its fields are copied out at once). */
export function blankTarget(): EndpointTarget {
  return {
    address: null,
    addressSource: null,
    problem: null,
    chainPresent: false,
    packets: null,
    bytes: null,
    counterSource: null,
  };
}

type Counted = Readonly<Pick<EndpointTarget, "packets" | "bytes" | "counterSource">>;
const UNCOUNTED: Counted = { packets: null, bytes: null, counterSource: null };

function counters(nat: TableIndex, rules: readonly Rule[]): Counted {
  if (rules.length === 0) return UNCOUNTED;
  let packets = 0;
  let bytes = 0;
  for (const rule of rules) {
    if (rule.counters === null) return UNCOUNTED;
    packets += rule.counters.packets;
    bytes += rule.counters.bytes;
  }
  return { packets, bytes, counterSource: { table: nat.name, rules: rules.map((r) => ruleIndex(nat, r)) } };
}

/**
 * Resolves one endpoint chain: the address from its DNAT `--to-destination` (from the `ns/svc:port -> ip:port`
 * comment of the jump when the chain is absent from the dump), and counters from the DNAT rule (the sum of the
 * jumps into the chain when that rule has none).
 */
export function resolveEndpoint(
  nat: TableIndex,
  e: ChainEntry | undefined,
  chain: string,
  jump: Rule,
  out: EndpointTarget,
): void {
  const present = e?.present === true;
  const dnat = e === undefined ? null : e.dnat;
  let address: string | null = null;
  let addressSource: EndpointTarget["addressSource"] = null;
  let problem: string | null = null;
  if (dnat !== null) {
    const text = e!.dnatTo;
    if (e!.dnatPlain) {
      address = text;
      addressSource = "dnat";
    } else {
      const t = readDnatTarget(text);
      if ("address" in t) {
        address = t.address;
        addressSource = "dnat";
      } else problem = t.problem;
    }
  } else if (present) {
    problem = `${chain} has no DNAT rule`;
  } else {
    const c = parseComment(optionValue(jump, "--comment"));
    const t = c?.address ? readDnatTarget(c.address) : null;
    if (t !== null && "address" in t) {
      address = t.address;
      addressSource = "comment";
    } else problem = `${chain} is not in the dump and the jump's comment names no address`;
  }
  let packets: number | null = null;
  let bytes: number | null = null;
  let counterSource: CounterSource | null = null;
  if (nat.hasCounters) {
    const own = dnat?.counters ?? null;
    if (own !== null) {
      packets = own.packets;
      bytes = own.bytes;
      counterSource = { table: nat.name, rules: [e!.dnatIndex] };
    } else {
      const count = counters(nat, entryJumps(e));
      packets = count.packets;
      bytes = count.bytes;
      counterSource = count.counterSource;
    }
  }
  out.address = address;
  out.addressSource = addressSource;
  out.problem = problem;
  out.chainPresent = present;
  out.packets = packets;
  out.bytes = bytes;
  out.counterSource = counterSource;
}
