// Hand-written services of every kind the model must handle, in either address family (shared by kernel tests).

import type { ServiceSpec } from "../../src/gen/index.ts";

/** Addresses of one family for the hand-written service kinds. */
export function addressing(family: 4 | 6) {
  const v6 = family === 6;
  return {
    vip: (i: number) => (v6 ? `fd00:10:96::${i.toString(16)}` : `172.30.0.${i}`),
    pod: (i: number) => (v6 ? `fd00:10:244::${i.toString(16)}` : `10.244.0.${i}`),
    lb: (i: number) => (v6 ? `2001:db8:1b::${i}` : `100.64.0.${i}`),
    ext: (i: number) => (v6 ? `2001:db8:e::${i}` : `198.18.0.${i}`),
    ranges: v6 ? ["2001:db8:100::/48", "2001:db8:7::/64"] : ["203.0.113.0/25", "192.168.0.0/24"],
    nodeIP: v6 ? "2001:db8:7::2" : "192.168.0.2",
  };
}

/** One service of every kind the model must handle. */
export function kinds(family: 4 | 6): ServiceSpec[] {
  const a = addressing(family);
  let pods = 0;
  const eps = (locals: readonly boolean[], port = 8080) =>
    locals.map((local) => ({ ip: a.pod(++pods), port, local, ready: true }));
  const http = (nodePort?: number) => [
    { name: "http", protocol: "tcp" as const, port: 80, nodePort: nodePort ?? null },
  ];
  return [
    { namespace: "k", name: "cluster-ip", ports: http(), clusterIP: a.vip(1), endpoints: eps([false, true, false]) },
    { namespace: "k", name: "node-port", ports: http(30001), clusterIP: a.vip(2), endpoints: eps([false, false]) },
    {
      namespace: "k",
      name: "lb-ranges",
      ports: http(30002),
      clusterIP: a.vip(3),
      loadBalancerIPs: [a.lb(1), a.lb(2)],
      sourceRanges: a.ranges,
      endpoints: eps([false, true, false, false]),
    },
    {
      namespace: "k",
      name: "lb-open",
      ports: http(30003),
      clusterIP: a.vip(4),
      loadBalancerIPs: [a.lb(3)],
      endpoints: eps([true]),
    },
    {
      namespace: "k",
      name: "external-ip",
      ports: http(),
      clusterIP: a.vip(5),
      externalIPs: [a.ext(1), a.ext(2)],
      endpoints: eps([false, false]),
    },
    {
      namespace: "k",
      name: "etp-local",
      ports: http(30004),
      clusterIP: a.vip(6),
      loadBalancerIPs: [a.lb(4)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 32000,
      endpoints: eps([true, false, true]),
    },
    {
      namespace: "k",
      name: "etp-local-none",
      ports: http(30005),
      clusterIP: a.vip(7),
      externalIPs: [a.ext(3)],
      externalTrafficPolicy: "Local",
      endpoints: eps([false, false]),
    },
    {
      namespace: "k",
      name: "itp-local",
      ports: http(),
      clusterIP: a.vip(8),
      internalTrafficPolicy: "Local",
      endpoints: eps([false, true, true]),
    },
    {
      namespace: "k",
      name: "itp-local-none",
      ports: http(),
      clusterIP: a.vip(9),
      internalTrafficPolicy: "Local",
      endpoints: eps([false]),
    },
    {
      namespace: "k",
      name: "itp-local-np",
      ports: http(30006),
      clusterIP: a.vip(10),
      internalTrafficPolicy: "Local",
      endpoints: eps([false, true]),
    },
    {
      namespace: "k",
      name: "sticky",
      ports: http(30007),
      clusterIP: a.vip(11),
      affinitySeconds: 10800,
      externalTrafficPolicy: "Local",
      endpoints: eps([true, false, true]),
    },
    { namespace: "k", name: "empty", ports: http(), clusterIP: a.vip(12), endpoints: [] },
    {
      namespace: "k",
      name: "empty-lb",
      ports: http(30008),
      clusterIP: a.vip(13),
      loadBalancerIPs: [a.lb(5)],
      externalIPs: [a.ext(4)],
      endpoints: [],
    },
    {
      namespace: "k",
      name: "unnamed",
      ports: [{ name: "", protocol: "tcp", port: 8443 }],
      clusterIP: a.vip(14),
      endpoints: eps([false]),
    },
    {
      namespace: "k",
      name: "dns",
      ports: [
        { name: "dns", protocol: "udp", port: 53, targetPort: 5353 },
        { name: "dns-tcp", protocol: "tcp", port: 53, targetPort: 5353 },
      ],
      clusterIP: a.vip(15),
      endpoints: eps([false, true]),
    },
    {
      namespace: "k",
      name: "sctp",
      ports: [{ name: "sip", protocol: "sctp", port: 5060 }],
      clusterIP: a.vip(16),
      endpoints: eps([false]),
    },
    {
      namespace: "k",
      name: "not-ready",
      ports: http(),
      clusterIP: a.vip(17),
      endpoints: [...eps([false, false]), { ip: a.pod(++pods), port: 8080, local: false, ready: false }],
    },
  ];
}
