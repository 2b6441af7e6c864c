// A small cluster like the demo's: hello-world (3 endpoints, one getting more than chance explains), kube-dns,
// a NodePort with externalTrafficPolicy Local, a load balancer behind KUBE-FW, and a service without endpoints.

import type { Service, Topology } from "../../../src/model/types.ts";
import type { StatsSnapshot } from "../../../src/stats/types.ts";
import { endpoint, equalEndpoints, finding, type StatsSpec, service, stats, topology } from "./builders.ts";

const hello = service("default/hello-world:http", {
  clusterIP: "10.96.12.34",
  port: 8080,
  chains: { svc: "KUBE-SVC-HELLO", svl: null, ext: null, fw: null, xlb: null },
  endpoints: equalEndpoints("HELLO", 3, (i) => [1200, 1100, 1500][i] ?? 0),
});

const dns = service("kube-system/kube-dns:dns", {
  clusterIP: "10.96.0.10",
  port: 53,
  protocol: "udp",
  chains: { svc: "KUBE-SVC-TCOU7JCQXEZGVUNU", svl: null, ext: null, fw: null, xlb: null },
  endpoints: equalEndpoints("DNS", 2, (i) => [400, 390][i] ?? 0),
});

const api = service("default/kubernetes:https", {
  port: 443,
  chains: { svc: "KUBE-SVC-NPX46M4PTMTKRN6Y", svl: null, ext: null, fw: null, xlb: null },
  endpoints: [endpoint("192.168.49.2:8443", { chain: "KUBE-SEP-API", packets: 77 })],
});

const shop = service("shop/frontend:web", {
  type: "NodePort",
  clusterIP: "10.96.200.7",
  nodePorts: [30080],
  chains: { svc: "KUBE-SVC-SHOP", svl: "KUBE-SVL-SHOP", ext: "KUBE-EXT-SHOP", fw: null, xlb: null },
  endpoints: [
    endpoint("10.244.1.5:80", {
      chain: "KUBE-SEP-SHOPA",
      probability: 0.5,
      rawProbability: 0.5,
      local: true,
      localProbability: 1,
      packets: 10,
    }),
    endpoint("10.244.2.6:80", { chain: "KUBE-SEP-SHOPB", probability: 0.5, local: false, packets: 12 }),
  ],
});

const lb = service("shop/checkout:https", {
  type: "LoadBalancer",
  clusterIP: "10.96.201.8",
  port: 443,
  loadBalancerIPs: ["203.0.113.9"],
  sourceRanges: ["198.51.100.0/24"],
  chains: { svc: "KUBE-SVC-CHECKOUT", svl: null, ext: "KUBE-EXT-CHECKOUT", fw: "KUBE-FW-CHECKOUT", xlb: null },
  endpoints: [endpoint("10.244.3.7:8443", { chain: "KUBE-SEP-CHECKOUT", packets: null })],
  findings: [
    finding("lb-source-ranges", "info", "only 198.51.100.0/24 may reach the load balancer IP", "shop/checkout:https"),
  ],
});

const broken = service("shop/payments:grpc", {
  clusterIP: "10.96.202.9",
  port: 9000,
  chains: { svc: null, svl: null, ext: null, fw: null, xlb: null },
  findings: [
    finding(
      "no-endpoints",
      "error",
      "connections are refused: the service has no ready endpoints",
      "shop/payments:grpc",
    ),
  ],
});

/** The services of the small cluster. */
export const CLUSTER: readonly Service[] = [hello, dns, api, shop, lb, broken];

const SPECS: Record<string, StatsSpec> = {
  [hello.name]: {
    rate: 12.5,
    series: [8, 9, 11, null, 12, 12.5],
    windowCount: 340,
    endpoints: [
      { rate: 3.5, share: 0.28, count: 95 },
      { rate: 3, share: 0.26, count: 88 },
      { rate: 6, share: 0.46, count: 157 },
    ],
  },
  [dns.name]: {
    rate: 40,
    series: [30, 35, 40],
    windowCount: 900,
    endpoints: [
      { rate: 20, share: 0.5, count: 450 },
      { rate: 20, share: 0.5, count: 450 },
    ],
  },
  [api.name]: { rate: 0.5, series: [0, 1, 0.5], windowCount: 12, endpoints: [{ rate: 0.5, share: 1, count: 12 }] },
  [shop.name]: {
    rate: 2,
    series: [2, 2],
    windowCount: 20,
    endpoints: [
      { rate: 1, share: 0.5, count: 10 },
      { rate: 1, share: 0.5, count: 10 },
    ],
  },
  [lb.name]: { rate: null, series: [null, null], endpoints: [{ rate: null, share: null }] },
};

/** The small cluster's topology and stats. */
export function cluster(over: Partial<Topology> = {}): { topology: Topology; stats: StatsSnapshot } {
  const t = topology(CLUSTER, over);
  return { topology: t, stats: stats(t.services, (s) => SPECS[s.name]) };
}
