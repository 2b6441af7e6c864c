// A deterministic, realistic mix of services for tests, the benchmark and the demo (seeded; no Math.random).

import type { EndpointSpec, PortSpec, Protocol, ServiceSpec } from "./types.ts";

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** A seeded PRNG (mulberry32): the same seed always gives the same sequence. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

const NAMESPACES = ["default", "kube-system", "payments", "web", "data", "monitoring", "team-a", "team-b"];
const NAMES = ["api", "web", "db", "cache", "auth", "search", "orders", "metrics", "frontend", "queue", "gateway"];
const PORTS: readonly { name: string; protocol: Protocol; port: number; target: number }[] = [
  { name: "http", protocol: "tcp", port: 80, target: 8080 },
  { name: "https", protocol: "tcp", port: 443, target: 8443 },
  { name: "grpc", protocol: "tcp", port: 9000, target: 9000 },
  { name: "metrics", protocol: "tcp", port: 9090, target: 9090 },
  { name: "dns", protocol: "udp", port: 53, target: 5353 },
  { name: "sip", protocol: "sctp", port: 5060, target: 5060 },
];

/** The n-th address after `base` (IPv4 dotted or IPv6 `prefix::`), e.g. nthAddress("10.244.0.0", 300) = 10.244.1.44. */
function nthAddress(base: string, n: number, family: 4 | 6): string {
  if (family === 6) return `${base}${n.toString(16)}`;
  const [a, b, c, d] = base.split(".").map(Number) as [number, number, number, number];
  const value = (((a << 24) >>> 0) + (b << 16) + (c << 8) + d + n) >>> 0;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

/** `count` services in a realistic mix, deterministic from `seed`; addresses of one family, unique where they must be. */
export function randomServices(count: number, seed: number, options: { family?: 4 | 6 } = {}): ServiceSpec[] {
  const family = options.family ?? 4;
  const rnd = createRandom(seed);
  const bases =
    family === 6
      ? { cluster: "fd00:10:96::", pod: "fd00:10:244::", lb: "2001:db8:1b::", ext: "2001:db8:e::" }
      : { cluster: "172.30.0.0", pod: "10.244.0.0", lb: "100.64.0.0", ext: "198.18.0.0" };
  const ranges = family === 6 ? ["2001:db8:100::/48", "2001:db8:200::/56"] : ["203.0.113.0/25", "198.51.100.0/24"];
  let pods = 0;
  let lbs = 0;
  let exts = 0;
  let nodePort = 30000;
  const services: ServiceSpec[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rnd.next();
    const kind = roll < 0.6 ? "ClusterIP" : roll < 0.75 ? "NodePort" : roll < 0.9 ? "LoadBalancer" : "ExternalIP";
    const portCount = rnd.chance(0.8) ? 1 : rnd.chance(0.75) ? 2 : 3;
    const unnamed = portCount === 1 && rnd.chance(0.4);
    const ports: PortSpec[] = [];
    const used = new Set<number>();
    while (ports.length < portCount) {
      const p = rnd.chance(0.97) ? rnd.pick(PORTS.slice(0, 5)) : PORTS[5]!;
      if (used.has(p.port)) continue;
      used.add(p.port);
      const np = kind === "NodePort" || kind === "LoadBalancer" ? nodePort++ : null;
      ports.push({
        name: unnamed ? "" : p.name,
        protocol: p.protocol,
        port: p.port,
        nodePort: np,
        targetPort: p.target,
      });
    }
    const external = kind !== "ClusterIP";
    const etpLocal = external && rnd.chance(0.3);
    const endpointCount = rnd.chance(0.05) ? 0 : rnd.pick([1, 2, 3, 3, 3, 4, 5]);
    const endpoints: EndpointSpec[] = [];
    for (let e = 0; e < endpointCount; e++) {
      endpoints.push({
        ip: nthAddress(bases.pod, 1 + pods++, family),
        port: 8080,
        local: rnd.chance(0.3),
        ready: rnd.chance(0.95),
      });
    }
    endpoints.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
    const loadBalancerIPs: string[] = [];
    if (kind === "LoadBalancer") {
      for (let k = rnd.chance(0.9) ? 1 : 2; k > 0; k--) loadBalancerIPs.push(nthAddress(bases.lb, 1 + lbs++, family));
    }
    const externalIPs =
      kind === "ExternalIP" || (kind === "LoadBalancer" && rnd.chance(0.05))
        ? [nthAddress(bases.ext, 1 + exts++, family)]
        : [];
    services.push({
      namespace: rnd.pick(NAMESPACES),
      name: `${rnd.pick(NAMES)}-${i.toString(36)}`,
      ports,
      clusterIP: nthAddress(bases.cluster, 10 + i, family),
      externalIPs,
      loadBalancerIPs,
      sourceRanges: kind === "LoadBalancer" && rnd.chance(0.4) ? ranges.slice(0, rnd.int(1, 2)) : [],
      externalTrafficPolicy: etpLocal ? "Local" : "Cluster",
      internalTrafficPolicy: rnd.chance(0.05) ? "Local" : "Cluster",
      affinitySeconds: rnd.chance(0.08) ? rnd.pick([10800, 3600, 600]) : null,
      healthCheckNodePort: etpLocal && kind === "LoadBalancer" ? nodePort++ : null,
      endpoints,
    });
  }
  return services;
}
