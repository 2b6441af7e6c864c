// One service port as kube-proxy v1.24+ writes it: KUBE-EXT/KUBE-SVL chains, filter REJECT/DROP, KUBE-PROXY-FIREWALL.

import { endpointComment, protoMatch, type RuleContext, writeEndpointChains, writeEndpointJumps } from "./context.ts";
import { cidrContains, comment } from "./format.ts";
import type { PortPlan } from "./plan.ts";

/** Writes the filter and nat rules of one service port in the v1.28/v1.32 shapes. */
export function writeModernPort(ctx: RuleContext, p: PortPlan): void {
  const { nat, filter } = ctx;
  const { names, portName: pn } = p;
  const proto = protoMatch(p);
  const dport = `--dport ${p.port.port}`;
  const internalChain = p.itpLocal ? names.svl : names.svc;
  const externalPolicyChain = p.etpLocal ? names.svl : names.svc;
  const lbChain = p.uses.fw ? names.fw : names.ext;
  // No endpoints at all: REJECT; endpoints but none usable under a Local policy: DROP.
  const filterTarget = p.hasEndpoints ? "DROP" : "REJECT";
  const filterComment = comment(p.hasEndpoints ? `${pn} has no local endpoints` : `${pn} has no endpoints`);

  if (p.uses.svc) nat.declare(names.svc);
  if (p.uses.svl) nat.declare(names.svl);
  if (p.uses.ext) nat.declare(names.ext);
  if (p.uses.fw) nat.declare(names.fw);

  if (p.hasInternal) {
    nat.rule("KUBE-SERVICES", comment(`${pn} cluster IP`), proto, `-d ${p.clusterIP}`, dport, `-j ${internalChain}`);
  } else {
    filter.rule("KUBE-SERVICES", filterComment, proto, `-d ${p.clusterIP}`, dport, `-j ${filterTarget}`);
  }
  for (const ip of p.externalIPs) {
    if (p.hasEndpoints)
      nat.rule("KUBE-SERVICES", comment(`${pn} external IP`), proto, `-d ${ip}`, dport, `-j ${names.ext}`);
    if (!p.hasExternal) {
      filter.rule("KUBE-EXTERNAL-SERVICES", filterComment, proto, `-d ${ip}`, dport, `-j ${filterTarget}`);
    }
  }
  for (const ip of p.loadBalancerIPs) {
    if (p.hasEndpoints)
      nat.rule("KUBE-SERVICES", comment(`${pn} loadbalancer IP`), proto, `-d ${ip}`, dport, `-j ${lbChain}`);
    if (p.uses.fw) {
      const c = comment(`${pn} traffic not accepted by ${names.fw}`);
      filter.rule("KUBE-PROXY-FIREWALL", c, proto, `-d ${ip}`, dport, "-j DROP");
    }
  }
  if (!p.hasExternal) {
    for (const ip of p.loadBalancerIPs) {
      filter.rule("KUBE-EXTERNAL-SERVICES", filterComment, proto, `-d ${ip}`, dport, `-j ${filterTarget}`);
    }
  }
  if (p.nodePort !== null) {
    const np = `--dport ${p.nodePort}`;
    if (p.hasEndpoints) {
      if (ctx.nfacct && ctx.family === 4) {
        const acct = "-m nfacct --nfacct-name localhost_nps_accepted_pkts";
        nat.rule("KUBE-NODEPORTS", comment(pn), proto, "-d 127.0.0.0/8", np, acct, `-j ${names.ext}`);
      }
      nat.rule("KUBE-NODEPORTS", comment(pn), proto, np, `-j ${names.ext}`);
    }
    if (!p.hasExternal) {
      const local = "-m addrtype --dst-type LOCAL";
      filter.rule("KUBE-EXTERNAL-SERVICES", filterComment, local, proto, np, `-j ${filterTarget}`);
    }
  }
  const hc = p.service.healthCheckNodePort ?? null;
  if (hc !== null) {
    filter.rule(
      "KUBE-NODEPORTS",
      comment(`${pn} health check node port`),
      "-m tcp -p tcp",
      `--dport ${hc}`,
      "-j ACCEPT",
    );
  }

  if (p.hasInternal && ctx.clusterCIDR !== null) {
    const c = comment(`${pn} cluster IP`);
    nat.rule(internalChain, c, proto, `-d ${p.clusterIP}`, dport, `! -s ${ctx.clusterCIDR}`, "-j KUBE-MARK-MASQ");
  }
  if (p.uses.ext) {
    if (!p.etpLocal) {
      nat.rule(names.ext, comment(`masquerade traffic for ${pn} external destinations`), "-j KUBE-MARK-MASQ");
    } else {
      if (ctx.clusterCIDR !== null) {
        const c = comment(`pod traffic for ${pn} external destinations`);
        nat.rule(names.ext, c, `-s ${ctx.clusterCIDR}`, `-j ${names.svc}`);
      }
      const srcLocal = "-m addrtype --src-type LOCAL";
      nat.rule(
        names.ext,
        comment(`masquerade LOCAL traffic for ${pn} external destinations`),
        srcLocal,
        "-j KUBE-MARK-MASQ",
      );
      nat.rule(names.ext, comment(`route LOCAL traffic for ${pn} external destinations`), srcLocal, `-j ${names.svc}`);
    }
    if (p.hasExternal) nat.rule(names.ext, `-j ${externalPolicyChain}`);
  }
  if (p.uses.fw) {
    const c = comment(`${pn} loadbalancer IP`);
    for (const src of p.sourceRanges) nat.rule(names.fw, c, `-s ${src}`, `-j ${names.ext}`);
    const nodeIP = ctx.nodeIP;
    if (nodeIP !== null && p.sourceRanges.some((src) => cidrContains(src, nodeIP))) {
      for (const ip of p.loadBalancerIPs) nat.rule(names.fw, c, `-s ${ip}`, `-j ${names.ext}`);
    }
    nat.rule(names.fw, comment(`other traffic to ${pn} will be dropped by KUBE-PROXY-FIREWALL`));
  }
  const label = (ep: { address: string }) => endpointComment(ctx, `${pn} -> ${ep.address}`);
  if (p.uses.svc) writeEndpointJumps(ctx, p, names.svc, p.clusterEndpoints, label);
  if (p.uses.svl) writeEndpointJumps(ctx, p, names.svl, p.localEndpoints, label);
  writeEndpointChains(ctx, p, p.reachable);
}
