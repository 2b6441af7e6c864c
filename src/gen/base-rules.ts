// The rules kube-proxy writes whatever the services: masquerade plumbing, KUBE-FORWARD, the node-port jump,
// and (optionally) the hook jumps from built-in chains and kubelet's KUBE-MARK-DROP.

import type { RuleContext } from "./context.ts";
import { comment } from "./format.ts";
import type { Era } from "./types.ts";

const NODEPORTS_COMMENT = comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain");

/** Declares the fixed chains of both tables, in the order the era's kube-proxy declares them. */
export function declareBaseChains(ctx: RuleContext, era: Era): void {
  const filterChains =
    era === "v1.23"
      ? ["KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS"]
      : ["KUBE-NODEPORTS", "KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-PROXY-FIREWALL"];
  if (era !== "v1.23" && ctx.family === 4) filterChains.splice(3, 0, "KUBE-FIREWALL");
  for (const c of filterChains) ctx.filter.declare(c);
  const natChains =
    era === "v1.23"
      ? ["KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"]
      : ["KUBE-NODEPORTS", "KUBE-SERVICES", "KUBE-MARK-MASQ", "KUBE-POSTROUTING"];
  for (const c of natChains) ctx.nat.declare(c);
}

/** Writes the fixed rules; call after the services so the node-port jump ends KUBE-SERVICES. */
export function writeBaseRules(ctx: RuleContext, era: Era): void {
  const { nat, filter } = ctx;
  nat.rule("KUBE-MARK-MASQ", "-j MARK --or-mark 0x4000");
  nat.rule("KUBE-POSTROUTING", "-m mark ! --mark 0x4000/0x4000", "-j RETURN");
  nat.rule("KUBE-POSTROUTING", "-j MARK --xor-mark 0x4000");
  nat.rule("KUBE-POSTROUTING", comment("kubernetes service traffic requiring SNAT"), "-j MASQUERADE");
  const noLoopback = era !== "v1.23" && ctx.family === 6 ? "! -d ::1/128" : "";
  nat.rule("KUBE-SERVICES", NODEPORTS_COMMENT, "-m addrtype --dst-type LOCAL", noLoopback, "-j KUBE-NODEPORTS");

  if (era !== "v1.23" && ctx.family === 4) {
    const c = comment("block incoming localnet connections");
    const notTracked = "-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT";
    filter.rule("KUBE-FIREWALL", c, "-d 127.0.0.0/8 ! -s 127.0.0.0/8", notTracked, "-j DROP");
  }
  const acct = ctx.nfacct && era === "v1.32" ? "-m nfacct --nfacct-name ct_state_invalid_dropped_pkts" : "";
  filter.rule("KUBE-FORWARD", "-m conntrack --ctstate INVALID", acct, "-j DROP");
  filter.rule("KUBE-FORWARD", comment("kubernetes forwarding rules"), "-m mark --mark 0x4000/0x4000", "-j ACCEPT");
  const related = "-m conntrack --ctstate RELATED,ESTABLISHED";
  filter.rule("KUBE-FORWARD", comment("kubernetes forwarding conntrack rule"), related, "-j ACCEPT");
}

/** kubelet's KUBE-MARK-DROP (v1.23 KUBE-FW/KUBE-XLB jump to it but kube-proxy never declares it). */
export function writeKubeletChains(ctx: RuleContext): void {
  ctx.nat.declare("KUBE-MARK-DROP");
  ctx.nat.rule("KUBE-MARK-DROP", "-j MARK --or-mark 0x8000");
}

/** The jumps kube-proxy inserts into the built-in chains (outside its restore payload). */
export function writeHooks(ctx: RuleContext, era: Era): void {
  const { nat, filter } = ctx;
  nat.declareBuiltins();
  filter.declareBuiltins();
  const isNew = "-m conntrack --ctstate NEW";
  const portals = comment("kubernetes service portals");
  const external = comment("kubernetes externally-visible service portals");
  const firewall = comment("kubernetes load balancer firewall");
  const modern = era !== "v1.23";
  filter.rule("INPUT", comment("kubernetes health check service ports"), "-j KUBE-NODEPORTS");
  filter.rule("INPUT", isNew, external, "-j KUBE-EXTERNAL-SERVICES");
  if (modern) filter.rule("INPUT", isNew, firewall, "-j KUBE-PROXY-FIREWALL");
  if (modern && ctx.family === 4) filter.rule("INPUT", "-j KUBE-FIREWALL");
  if (modern) filter.rule("FORWARD", isNew, firewall, "-j KUBE-PROXY-FIREWALL");
  filter.rule("FORWARD", comment("kubernetes forwarding rules"), "-j KUBE-FORWARD");
  filter.rule("FORWARD", isNew, portals, "-j KUBE-SERVICES");
  filter.rule("FORWARD", isNew, external, "-j KUBE-EXTERNAL-SERVICES");
  if (modern) filter.rule("OUTPUT", isNew, firewall, "-j KUBE-PROXY-FIREWALL");
  filter.rule("OUTPUT", isNew, portals, "-j KUBE-SERVICES");
  if (modern && ctx.family === 4) filter.rule("OUTPUT", "-j KUBE-FIREWALL");
  nat.rule("PREROUTING", portals, "-j KUBE-SERVICES");
  nat.rule("OUTPUT", portals, "-j KUBE-SERVICES");
  nat.rule("POSTROUTING", comment("kubernetes postrouting rules"), "-j KUBE-POSTROUTING");
}
