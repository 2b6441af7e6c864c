// A service port's chains looked up in the nat index once, for everything that builds its Service.

import type { ChainEntry, TableIndex } from "./chain-index.ts";
import type { ChainKind } from "./chain-kinds.ts";
import type { Group } from "./group.ts";

/** Each chain kind's entry: undefined when the port has no such chain or the table neither has it nor jumps to it. */
export type GroupChains = Readonly<Record<ChainKind, ChainEntry | undefined>>;

function lookUp(nat: TableIndex, chain: string | null): ChainEntry | undefined {
  return chain === null ? undefined : nat.chains.get(chain);
}

/** The entries of a group's chains. */
export function groupChains(nat: TableIndex, g: Group): GroupChains {
  const c = g.chains;
  return {
    svc: lookUp(nat, c.svc),
    svl: lookUp(nat, c.svl),
    ext: lookUp(nat, c.ext),
    fw: lookUp(nat, c.fw),
    xlb: lookUp(nat, c.xlb),
  };
}
