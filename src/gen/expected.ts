// The topology a correct model must rebuild from a generated rule set: one ExpectedService per service port.

import type { ServiceType } from "../model/types.ts";
import type { PortPlan } from "./plan.ts";
import type { AmbiguousField, ExpectedEndpoint, ExpectedService } from "./types.ts";

/** The expected model view of one planned service port (what the dump shows, not what the spec said). */
export function expectService(p: PortPlan): ExpectedService {
  const localChain = p.uses.svl || p.uses.xlb;
  const localIndex = new Map(p.localEndpoints.map((e, i) => [e.chain, i]));
  const m = p.localEndpoints.length;
  const localShare = p.localEndpoints.length > 0 ? 1 / p.localEndpoints.length : null;
  const fromCluster = p.uses.svc;
  const listed = fromCluster ? p.clusterEndpoints : p.uses.svl ? p.localEndpoints : [];
  const endpoints = listed.map((ep, i): ExpectedEndpoint => {
    const j = localIndex.get(ep.chain);
    const isLocal = localChain ? j !== undefined : null;
    return {
      address: ep.address,
      chain: ep.chain,
      probability: 1 / listed.length,
      rawProbability: i < listed.length - 1 ? 1 / (listed.length - i) : null,
      localProbability: isLocal ? localShare : null,
      localRawProbability: isLocal && j !== undefined && j < m - 1 ? 1 / (m - j) : null,
      local: isLocal,
      // Local endpoints are a subset of the cluster ones whenever both chains exist (not-ready ones are dropped).
      inServiceChain: true,
    };
  });
  // Without endpoints, external and LB IPs only show as alike filter REJECTs in KUBE-EXTERNAL-SERVICES.
  const ambiguous: AmbiguousField[] =
    !p.hasEndpoints && p.externalIPs.length + p.loadBalancerIPs.length > 0
      ? ["externalIPs", "loadBalancerIPs", "type"]
      : [];
  const findingCodes: string[] = [];
  if (!p.hasEndpoints) findingCodes.push("no-endpoints");
  else if (!p.hasInternal || !p.hasExternal || (p.uses.xlb && p.localEndpoints.length === 0)) {
    findingCodes.push("no-local-endpoints");
  }
  return {
    name: p.portName,
    namespace: p.service.namespace,
    protocol: p.protocol,
    clusterIP: p.clusterIP,
    port: p.port.port,
    nodePorts: p.nodePort !== null ? [p.nodePort] : [],
    externalIPs: p.externalIPs,
    loadBalancerIPs: p.loadBalancerIPs,
    sourceRanges: p.hasEndpoints && p.loadBalancerIPs.length > 0 ? p.sourceRanges : [],
    affinitySeconds: p.affinitySeconds !== null && (p.uses.svc || p.uses.svl) ? p.affinitySeconds : null,
    type: serviceType(p),
    chains: {
      svc: p.uses.svc ? p.names.svc : null,
      svl: p.uses.svl ? p.names.svl : null,
      ext: p.uses.ext ? p.names.ext : null,
      fw: p.uses.fw ? p.names.fw : null,
      xlb: p.uses.xlb ? p.names.xlb : null,
    },
    endpoints,
    healthCheckNodePort: p.service.healthCheckNodePort ?? null,
    findingCodes,
    ambiguous,
  };
}

function serviceType(p: PortPlan): ServiceType {
  if (p.loadBalancerIPs.length > 0) return "LoadBalancer";
  if (p.nodePort !== null) return "NodePort";
  if (p.externalIPs.length > 0) return "ExternalIP";
  return "ClusterIP";
}
