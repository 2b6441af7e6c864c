// One service port as kube-proxy v1.23 writes it: KUBE-XLB for externalTrafficPolicy=Local, every LB IP through
// KUBE-FW ending in KUBE-MARK-DROP, node-port masquerade inside KUBE-SVC, only REJECTs in filter.

import { endpointComment, protoMatch, type RuleContext, writeEndpointChains, writeEndpointJumps } from "./context.ts";
import { cidrContains, comment } from "./format.ts";
import type { PortPlan } from "./plan.ts";

/** Writes the filter and nat rules of one service port in the v1.23 shapes (rules interleaved as v1.23 wrote them). */
export function writeV123Port(ctx: RuleContext, p: PortPlan): void {
  const { nat, filter } = ctx;
  const { names, portName: pn } = p;
  const proto = protoMatch(p);
  const dport = `--dport ${p.port.port}`;
  const noEndpoints = comment(`${pn} has no endpoints`);
  const notLocal = ctx.clusterCIDR !== null ? `! -s ${ctx.clusterCIDR}` : "";

  if (p.uses.svc) nat.declare(names.svc);
  if (p.uses.xlb) nat.declare(names.xlb);

  if (p.hasEndpoints) {
    const args = [comment(`${pn} cluster IP`), proto, `-d ${p.clusterIP}`, dport];
    if (ctx.clusterCIDR !== null) nat.rule(names.svc, ...args, notLocal, "-j KUBE-MARK-MASQ");
    nat.rule("KUBE-SERVICES", ...args, `-j ${names.svc}`);
  } else {
    filter.rule("KUBE-SERVICES", noEndpoints, proto, `-d ${p.clusterIP}`, dport, "-j REJECT");
  }

  for (const ip of p.externalIPs) {
    if (!p.hasEndpoints) {
      filter.rule("KUBE-EXTERNAL-SERVICES", noEndpoints, proto, `-d ${ip}`, dport, "-j REJECT");
      continue;
    }
    const args = [comment(`${pn} external IP`), proto, `-d ${ip}`, dport];
    if (!p.etpLocal) nat.rule(names.svc, ...args, notLocal, "-j KUBE-MARK-MASQ");
    nat.rule("KUBE-SERVICES", ...args, `-j ${p.etpLocal ? names.xlb : names.svc}`);
  }

  for (const ip of p.loadBalancerIPs) {
    if (!p.hasEndpoints) {
      filter.rule("KUBE-EXTERNAL-SERVICES", noEndpoints, proto, `-d ${ip}`, dport, "-j REJECT");
      continue;
    }
    nat.rule("KUBE-SERVICES", comment(`${pn} loadbalancer IP`), proto, `-d ${ip}`, dport, `-j ${names.fw}`);
  }
  if (p.uses.fw) writeFirewallChain(ctx, p);

  if (p.nodePort !== null) {
    const args = [comment(pn), proto, `--dport ${p.nodePort}`];
    if (!p.hasEndpoints) {
      filter.rule("KUBE-EXTERNAL-SERVICES", noEndpoints, "-m addrtype --dst-type LOCAL", proto, args[2]!, "-j REJECT");
    } else if (!p.etpLocal) {
      nat.rule(names.svc, ...args, "-j KUBE-MARK-MASQ");
      nat.rule("KUBE-NODEPORTS", ...args, `-j ${names.svc}`);
    } else {
      const loopback = ctx.family === 6 ? "::1/128" : "127.0.0.0/8";
      nat.rule("KUBE-NODEPORTS", ...args, `-s ${loopback}`, "-j KUBE-MARK-MASQ");
      nat.rule("KUBE-NODEPORTS", ...args, `-j ${names.xlb}`);
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
  if (!p.hasEndpoints) return;

  const label = () => endpointComment(ctx, pn);
  writeEndpointJumps(ctx, p, names.svc, p.clusterEndpoints, label);
  writeEndpointChains(ctx, p, p.reachable);
  if (p.uses.xlb) writeLocalChain(ctx, p);
}

function writeFirewallChain(ctx: RuleContext, p: PortPlan): void {
  const { names } = p;
  ctx.nat.declare(names.fw);
  const c = comment(`${p.portName} loadbalancer IP`);
  const chosen = p.etpLocal ? names.xlb : names.svc;
  if (!p.etpLocal) ctx.nat.rule(names.fw, c, "-j KUBE-MARK-MASQ");
  if (p.sourceRanges.length === 0) {
    ctx.nat.rule(names.fw, c, `-j ${chosen}`);
  } else {
    for (const src of p.sourceRanges) ctx.nat.rule(names.fw, c, `-s ${src}`, `-j ${chosen}`);
    const nodeIP = ctx.nodeIP;
    if (nodeIP !== null && p.sourceRanges.some((src) => cidrContains(src, nodeIP))) {
      for (const ip of p.loadBalancerIPs) ctx.nat.rule(names.fw, c, `-s ${ip}`, `-j ${chosen}`);
    }
  }
  ctx.nat.rule(names.fw, c, "-j KUBE-MARK-DROP");
}

function writeLocalChain(ctx: RuleContext, p: PortPlan): void {
  const { names, portName: pn } = p;
  const xlb = names.xlb;
  if (ctx.clusterCIDR !== null) {
    const c = comment("Redirect pods trying to reach external loadbalancer VIP to clusterIP");
    ctx.nat.rule(xlb, c, `-s ${ctx.clusterCIDR}`, `-j ${names.svc}`);
  }
  const srcLocal = "-m addrtype --src-type LOCAL";
  ctx.nat.rule(xlb, comment(`masquerade LOCAL traffic for ${pn} LB IP`), srcLocal, "-j KUBE-MARK-MASQ");
  ctx.nat.rule(xlb, comment(`route LOCAL traffic for ${pn} LB IP to service chain`), srcLocal, `-j ${names.svc}`);
  if (p.localEndpoints.length === 0) {
    ctx.nat.rule(xlb, comment(`${pn} has no local endpoints`), "-j KUBE-MARK-DROP");
    return;
  }
  writeEndpointJumps(ctx, p, xlb, p.localEndpoints, (_ep, i, affinity) => {
    if (ctx.xlbBalancingComments && !affinity) return comment(`Balancing rule ${i} for ${pn}`);
    return endpointComment(ctx, pn);
  });
}
