// Builds small Topology values for stats tests: only the fields stats reads carry meaning.

import type { Endpoint, Service, Topology } from "../../src/model/types.ts";

export interface EndpointSpec {
  readonly chain: string | null;
  readonly packets: number | null;
  readonly address?: string;
  readonly rawProbability?: number | null;
}

/** A service port with the given endpoints (in rule order); effective shares are 1/n. */
export function service(name: string, endpoints: readonly EndpointSpec[], svc = `KUBE-SVC-${name}`): Service {
  const n = endpoints.length;
  return {
    name,
    namespace: name.split("/")[0] ?? "default",
    protocol: "tcp",
    clusterIP: "10.96.0.1",
    port: 80,
    nodePorts: [],
    externalIPs: [],
    loadBalancerIPs: [],
    sourceRanges: [],
    affinitySeconds: null,
    type: "ClusterIP",
    chains: { svc, svl: null, ext: null, fw: null, xlb: null },
    endpoints: endpoints.map(
      (e, i): Endpoint => ({
        address: e.address ?? `10.244.0.${i + 1}:8080`,
        chain: e.chain,
        probability: 1 / n,
        rawProbability: e.rawProbability !== undefined ? e.rawProbability : i === n - 1 ? null : 1 / (n - i),
        localProbability: null,
        packets: e.packets,
        bytes: e.packets === null ? null : e.packets * 60,
        local: null,
        line: null,
      }),
    ),
    findings: [],
  };
}

/** A topology holding the given services. */
export function topology(...services: Service[]): Topology {
  return {
    input: { format: "iptables-save", tables: ["nat"], backend: "nf_tables", lines: 0, rules: 0 },
    services,
    findings: [],
    diagnostics: [],
    era: null,
  };
}

/** Three endpoints A, B, C of service `default/web:http` with the given jump counters. */
export function web(a: number | null, b: number | null, c: number | null): Topology {
  return topology(
    service("default/web:http", [
      { chain: "KUBE-SEP-A", packets: a },
      { chain: "KUBE-SEP-B", packets: b },
      { chain: "KUBE-SEP-C", packets: c },
    ]),
  );
}
