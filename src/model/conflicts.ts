// Frontends two service ports claim: the first KUBE-SERVICES / KUBE-NODEPORTS rule wins, the other never matches.

import { finding } from "./findings.ts";
import type { FrontendConflict } from "./frontends.ts";
import type { Group } from "./group.ts";
import type { Finding } from "./types.ts";

/** A `duplicate-frontend` warning for each port that loses a frontend to an earlier rule. */
export function conflictFindings(
  conflicts: readonly FrontendConflict[],
  groups: ReadonlyMap<string, Group>,
): Finding[] {
  return conflicts.map((c) => {
    const loser = groups.get(c.loser)?.name ?? c.loser;
    const winner = groups.get(c.winner)?.name ?? c.winner;
    return finding(
      "duplicate-frontend",
      "warning",
      `${c.what} is also claimed by ${winner}, whose rule comes first, so new connections to it go to ${winner}, not ${loser}.`,
      { service: loser, line: c.line },
    );
  });
}
