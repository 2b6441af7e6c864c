// Dual stack: one topology from the IPv4 (iptables) and IPv6 (ip6tables) dumps of the same node.

import type { Service, Topology } from "./types.ts";

/** The suffix that keeps an IPv6 service port apart from its IPv4 twin (kube-proxy gives both the same chains). */
export const IPV6_SUFFIX = " [IPv6]";

function tagged(service: Service): Service {
  const name = `${service.name}${IPV6_SUFFIX}`;
  return { ...service, name, findings: service.findings.map((f) => ({ ...f, service: name })) };
}

/** Joins the two families' topologies; IPv6 service names get the " [IPv6]" suffix. */
export function mergeFamilies(v4: Topology, v6: Topology): Topology {
  const v6Services = v6.services.map(tagged);
  const v6Findings = v6.findings.map((f) => ({ ...f, service: f.service === null ? null : f.service + IPV6_SUFFIX }));
  return {
    input: {
      ...v4.input,
      tables: [...new Set([...v4.input.tables, ...v6.input.tables])],
      lines: v4.input.lines + v6.input.lines,
      rules: v4.input.rules + v6.input.rules,
    },
    services: [...v4.services, ...v6Services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    findings: [...v4.findings, ...v6Findings],
    diagnostics: [...v4.diagnostics, ...v6.diagnostics.map((d) => ({ ...d, message: `IPv6 dump: ${d.message}` }))],
    era: v4.era ?? v6.era,
  };
}
