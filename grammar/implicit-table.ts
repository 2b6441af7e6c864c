// Which table a line belongs to when no `*table` header precedes it (a grep paste or `iptables -S` output).
//
// Rule: a line goes to "filter" when it has the shape of a kube-proxy filter rule, else to "nat":
//  - its chain (or its jump target) exists only in kube-proxy's filter table: FORWARD, KUBE-FORWARD,
//    KUBE-EXTERNAL-SERVICES, KUBE-FIREWALL, KUBE-PROXY-FIREWALL;
//  - a REJECT, DROP or ACCEPT verdict in KUBE-SERVICES or KUBE-NODEPORTS ("has no endpoints" rejects,
//    "health check node port" accepts), which nat never holds;
//  - INPUT jumping to KUBE-NODEPORTS (the filter health-check hook; nat reaches KUBE-NODEPORTS from KUBE-SERVICES).
// Everything else, including INPUT/OUTPUT policies of `iptables -S` output, is "nat": the table kube-nat-top reads.

const FILTER_ONLY = new Set([
  "FORWARD",
  "KUBE-FORWARD",
  "KUBE-EXTERNAL-SERVICES",
  "KUBE-FIREWALL",
  "KUBE-PROXY-FIREWALL",
]);
const VERDICTS = new Set(["REJECT", "DROP", "ACCEPT"]);

/** The table a header-less line is put in, from its chain and jump target (see the rule above). */
export function implicitTableFor(chain: string, target: string | null): "filter" | "nat" {
  if (FILTER_ONLY.has(chain)) return "filter";
  if (target === null) return "nat";
  if (FILTER_ONLY.has(target)) return "filter";
  if ((chain === "KUBE-SERVICES" || chain === "KUBE-NODEPORTS") && VERDICTS.has(target)) return "filter";
  if (chain === "INPUT" && target === "KUBE-NODEPORTS") return "filter";
  return "nat";
}
