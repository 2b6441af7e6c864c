// The chain paths a connection to a service takes, for the detail screen: KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-….

import type { Service } from "../model/types.ts";

/** The endpoint step: the single SEP chain, or "KUBE-SEP-… (n)". */
function endpointStep(s: Service): string | null {
  const seps = s.endpoints.map((e) => e.chain).filter((c): c is string => c !== null);
  if (seps.length <= 1) return seps[0] ?? null;
  return `KUBE-SEP-… (${seps.length})`;
}

const join = (steps: readonly (string | null)[]): string => steps.filter((x) => x !== null).join(" → ");

/** One path per way in (cluster IP, node port, external or LB IP) that has chains; empty when there are none. */
export function chainPaths(s: Service): readonly string[] {
  const { svc, svl, ext, fw, xlb } = s.chains;
  const sep = endpointStep(s);
  const internal = svc ?? svl;
  // ≥1.24: KUBE-EXT jumps on to the service (or local) chain; ≤1.23: KUBE-XLB jumps to local endpoints itself
  const external: readonly (string | null)[] = ext ? [ext, internal] : xlb ? [xlb] : [internal];
  if (internal === null && ext === null && xlb === null) return [];
  const paths: string[] = [];
  if (s.clusterIP !== null && internal !== null) paths.push(join(["KUBE-SERVICES", internal, sep]));
  if (s.nodePorts.length > 0) paths.push(join(["KUBE-NODEPORTS", ...external, sep]));
  if (fw !== null) paths.push(join(["KUBE-SERVICES", fw, ...external, sep]));
  else if (s.externalIPs.length > 0 || s.loadBalancerIPs.length > 0)
    paths.push(join(["KUBE-SERVICES", ...external, sep]));
  if (paths.length === 0) paths.push(join([...external, sep]));
  return [...new Set(paths)];
}
