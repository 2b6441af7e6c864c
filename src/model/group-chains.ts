// A service port's chains looked up in the nat index once, for everything that builds its Service.

import type { ChainEntry, TableIndex } from "./chain-index.ts";
import type { ChainKind } from "./chain-kinds.ts";
import type { Group } from "./group.ts";

/** Each chain kind's entry: undefined when the port has no such chain or the table neither has it nor jumps to it. */
export type GroupChains = Readonly<Record<ChainKind, ChainEntry | undefined>>;

function lookUp(nat: TableIndex, chain: string | null, known: ChainEntry | undefined): ChainEntry | undefined {
  return chain === null ? undefined : (known ?? nat.chains.get(chain));
}

/** The entries of a group's chains (looked up only where the group did not keep them). */
export function groupChains(nat: TableIndex, g: Group): GroupChains {
  const c = g.chains;
  const e = g.entries;
  return {
    svc: lookUp(nat, c.svc, e.svc),
    svl: lookUp(nat, c.svl, e.svl),
    ext: lookUp(nat, c.ext, e.ext),
    fw: lookUp(nat, c.fw, e.fw),
    xlb: lookUp(nat, c.xlb, e.xlb),
  };
}
