// What kube-proxy programs for one service port: its chains, which endpoints go where, and what is rejected.
// Follows CategorizeEndpoints (v1.24+) and the older FilterEndpoints/XLB logic (v1.23). Pure.

import { endpointChainName, servicePortHash } from "../model/chain-names.ts";
import { canonicalIP, hostPort } from "./format.ts";
import type { Era, PortSpec, Protocol, ServiceSpec } from "./types.ts";

export interface EndpointPlan {
  readonly ip: string;
  /** `ip:port` or `[ip]:port`. */
  readonly address: string;
  readonly chain: string;
  readonly local: boolean;
}

export interface ChainNames {
  readonly svc: string;
  readonly svl: string;
  readonly ext: string;
  readonly fw: string;
  readonly xlb: string;
}

export interface PortPlan {
  readonly service: ServiceSpec;
  readonly port: PortSpec;
  /** `ns/name:port`, or `ns/name` for an unnamed port. */
  readonly portName: string;
  readonly protocol: Protocol;
  readonly clusterIP: string;
  readonly externalIPs: readonly string[];
  readonly loadBalancerIPs: readonly string[];
  readonly sourceRanges: readonly string[];
  readonly nodePort: number | null;
  readonly affinitySeconds: number | null;
  readonly names: ChainNames;
  readonly externallyAccessible: boolean;
  readonly etpLocal: boolean;
  readonly itpLocal: boolean;
  /** Some endpoint can take traffic (else everything is rejected in filter). */
  readonly hasEndpoints: boolean;
  /** Cluster-IP traffic has somewhere to go (false: ITP=Local with no local endpoints). */
  readonly hasInternal: boolean;
  /** External traffic has somewhere to go (false: ETP=Local with no local endpoints). */
  readonly hasExternal: boolean;
  /** Endpoints of the KUBE-SVC chain, in order. */
  readonly clusterEndpoints: readonly EndpointPlan[];
  /** Endpoints of the KUBE-SVL (or KUBE-XLB) chain, in order. */
  readonly localEndpoints: readonly EndpointPlan[];
  /** Endpoints that get a KUBE-SEP chain. */
  readonly reachable: readonly EndpointPlan[];
  readonly uses: {
    readonly svc: boolean;
    readonly svl: boolean;
    readonly ext: boolean;
    readonly fw: boolean;
    readonly xlb: boolean;
  };
}

/** The servicePortName kube-proxy hashes and prints: `ns/name:port`, or `ns/name` for an unnamed port. */
export function servicePortName(
  service: Pick<ServiceSpec, "namespace" | "name">,
  port: Pick<PortSpec, "name">,
): string {
  const base = `${service.namespace}/${service.name}`;
  return port.name === "" ? base : `${base}:${port.name}`;
}

/** Works out the chains and endpoint sets kube-proxy of `era` writes for one port of a service. */
export function planPort(service: ServiceSpec, port: PortSpec, era: Era): PortPlan {
  const portName = servicePortName(service, port);
  const protocol = port.protocol;
  const hash = servicePortHash(portName, protocol);
  const names: ChainNames = {
    svc: `KUBE-SVC-${hash}`,
    svl: `KUBE-SVL-${hash}`,
    ext: `KUBE-EXT-${hash}`,
    fw: `KUBE-FW-${hash}`,
    xlb: `KUBE-XLB-${hash}`,
  };
  const ready: EndpointPlan[] = service.endpoints
    .filter((e) => e.ready)
    .map((e) => {
      const ip = canonicalIP(e.ip);
      const address = hostPort(ip, port.targetPort ?? e.port);
      return { ip, address, chain: endpointChainName(portName, protocol, address), local: e.local };
    });
  const readyLocal = ready.filter((e) => e.local);
  const externalIPs = (service.externalIPs ?? []).map(canonicalIP);
  const loadBalancerIPs = (service.loadBalancerIPs ?? []).map(canonicalIP);
  const nodePort = port.nodePort ?? null;
  const externallyAccessible = nodePort !== null || externalIPs.length > 0 || loadBalancerIPs.length > 0;
  const etpLocal = externallyAccessible && service.externalTrafficPolicy === "Local";
  const itpLocal = service.internalTrafficPolicy === "Local";
  const common = {
    service,
    port,
    portName,
    protocol,
    clusterIP: canonicalIP(service.clusterIP),
    externalIPs,
    loadBalancerIPs,
    sourceRanges: service.sourceRanges ?? [],
    nodePort,
    affinitySeconds: service.affinitySeconds ?? null,
    names,
    externallyAccessible,
    etpLocal,
    itpLocal,
  };

  if (era === "v1.23") {
    // ETP=Local ignores ITP; otherwise ITP=Local keeps only local endpoints in the one KUBE-SVC chain.
    const eps = etpLocal ? ready : itpLocal ? readyLocal : ready;
    const hasEndpoints = eps.length > 0;
    return {
      ...common,
      itpLocal: itpLocal && !etpLocal,
      hasEndpoints,
      hasInternal: hasEndpoints,
      hasExternal: hasEndpoints,
      clusterEndpoints: eps,
      localEndpoints: etpLocal ? readyLocal : [],
      reachable: eps,
      uses: {
        svc: hasEndpoints,
        svl: false,
        ext: false,
        fw: hasEndpoints && loadBalancerIPs.length > 0,
        xlb: hasEndpoints && etpLocal,
      },
    };
  }

  const usesCluster = !itpLocal || externallyAccessible;
  const usesLocal = itpLocal || etpLocal;
  const clusterEndpoints = usesCluster ? ready : [];
  const localEndpoints = usesLocal ? readyLocal : [];
  const hasEndpoints = ready.length > 0;
  const reachable = [...clusterEndpoints];
  for (const e of localEndpoints) if (!reachable.includes(e)) reachable.push(e);
  return {
    ...common,
    hasEndpoints,
    hasInternal: itpLocal ? localEndpoints.length > 0 : hasEndpoints,
    hasExternal: etpLocal ? localEndpoints.length > 0 : hasEndpoints,
    clusterEndpoints,
    localEndpoints,
    reachable,
    uses: {
      svc: clusterEndpoints.length > 0,
      svl: localEndpoints.length > 0,
      ext: hasEndpoints && externallyAccessible,
      fw: hasEndpoints && loadBalancerIPs.length > 0 && (service.sourceRanges ?? []).length > 0,
      xlb: false,
    },
  };
}
