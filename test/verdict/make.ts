// Small Service/Topology values for verdict tests; only the fields verdicts read carry meaning.

import type { Endpoint, Finding, Service, Topology } from "../../src/model/types.ts";

/** A finding of a service. */
export function finding(
  code: string,
  severity: Finding["severity"],
  service: string | null,
  chain: string | null = null,
): Finding {
  return { code, severity, message: `model says ${code}`, service, chain, line: null };
}

/** A ClusterIP service port with n endpoints of equal share and the given counters and findings. */
export function svc(
  name: string,
  opts: { packets?: (number | null)[]; findings?: Finding[]; probabilities?: number[]; patch?: Partial<Service> } = {},
): Service {
  const packets = opts.packets ?? [null, null];
  const n = packets.length;
  return {
    name,
    namespace: name.split("/")[0]!,
    protocol: "tcp",
    clusterIP: "10.96.0.10",
    port: 80,
    nodePorts: [],
    externalIPs: [],
    loadBalancerIPs: [],
    sourceRanges: [],
    affinitySeconds: null,
    type: "ClusterIP",
    chains: { svc: "KUBE-SVC-TEST", svl: null, ext: null, fw: null, xlb: null },
    endpoints: packets.map(
      (p, i): Endpoint => ({
        address: `10.244.0.${i + 1}:8080`,
        chain: `KUBE-SEP-E${i}`,
        probability: opts.probabilities?.[i] ?? 1 / n,
        rawProbability: i === n - 1 ? null : 1 / (n - i),
        localProbability: null,
        packets: p,
        bytes: p === null ? null : p * 60,
        local: null,
        line: null,
      }),
    ),
    findings: opts.findings ?? [],
    ...opts.patch,
  };
}

/** A topology of the given services plus dump-level findings. */
export function topo(services: Service[], dumpFindings: Finding[] = []): Topology {
  return {
    input: { format: "iptables-save", tables: ["filter", "nat"], backend: "nf_tables", lines: 0, rules: 0 },
    services,
    findings: [...dumpFindings, ...services.flatMap((s) => s.findings)],
    diagnostics: [],
    era: null,
  };
}
