// The demo's dump: iptables-save -c text for DEMO_SERVICES at a moment, a pure function of elapsed time.
// Counters only grow, with swells per service and a steady skew per endpoint, so rates move and shares converge.

import { endpointChainName, serviceChainName } from "../model/chain-names.ts";
import {
  DEMO_NO_ENDPOINTS,
  DEMO_POD_CIDR,
  DEMO_SERVICES,
  type DemoEndpoint,
  type DemoService,
} from "./demo-cluster.ts";
import { type Count, ctime, flow, savedProbability, servicePortName, Table } from "./demo-text.ts";

/** When the demo's clock starts if no wall time is given (only the header date depends on it). */
export const DEMO_EPOCH = Date.UTC(2025, 10, 25, 9, 0, 0);

// ±15% of an endpoint's rate on a shorter cycle; with the ±50% swell the counter still only grows.
function wobble(rate: number, period: number, i: number, t: number): number {
  const w = (2 * Math.PI) / (period * 0.37);
  const phase = 1 + i * 1.7;
  return ((0.15 * rate) / w) * (Math.sin(w * t + phase) - Math.sin(phase));
}

interface Flows {
  /** Per endpoint: connections through the service chain (cluster IP). */
  readonly cluster: number[];
  /** Per endpoint: connections through the local chain (node port, externalTrafficPolicy Local). */
  readonly local: number[];
  readonly nodePort: number;
}

function flowsOf(s: DemoService, index: number, t: number): Flows {
  const total = s.endpoints.reduce((sum, e) => sum + e.weight, 0);
  // the whole service swells together; each endpoint wobbles a little on its own
  const cluster = s.endpoints.map((e, i) => {
    const rate = (s.rate * e.weight) / total;
    return Math.floor(flow((s.before * e.weight) / total, rate, s.period, index, t) + wobble(rate, s.period, i, t));
  });
  const locals = s.endpoints.filter((e) => e.local);
  const nodePort = Math.floor(flow(s.before / 4, s.nodePortRate ?? 0, s.period * 1.3, index, t));
  const local = s.endpoints.map((e) => (s.nodePortRate && e.local ? Math.floor(nodePort / locals.length) : 0));
  return { cluster, local, nodePort };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const bytes = (packets: number, size: number): Count => [packets, packets * size];

function serviceRules(nat: Table, s: DemoService, f: Flows, spn: string): void {
  const proto = s.protocol;
  const svc = serviceChainName("KUBE-SVC", spn, proto);
  const size = s.firstPacketBytes;
  const clusterTotal = sum(f.cluster);
  const match = `-d ${s.clusterIP}/32 -p ${proto} -m comment --comment "${spn} cluster IP" -m ${proto} --dport ${s.port}`;
  nat.rule("KUBE-SERVICES", bytes(clusterTotal, size), `${match} -j ${svc}`);
  // node-originated traffic (outside the pod CIDR) gets masqueraded: about one connection in ten
  nat.rule(svc, bytes(Math.floor(clusterTotal / 10), size), `! -s ${DEMO_POD_CIDR} ${match} -j KUBE-MARK-MASQ`);
  const n = s.endpoints.length;
  s.endpoints.forEach((e, i) => {
    const sep = endpointChainName(spn, proto, `${e.ip}:${e.port}`);
    const stat = i < n - 1 ? ` -m statistic --mode random --probability ${savedProbability(1 / (n - i))}` : "";
    const c = `-m comment --comment "${spn} -> ${e.ip}:${e.port}"`;
    nat.rule(svc, bytes(f.cluster[i] ?? 0, size), `${c}${stat} -j ${sep}`);
    sepRules(nat, e, sep, spn, proto, bytes((f.cluster[i] ?? 0) + (f.local[i] ?? 0), size));
  });
  if (s.nodePort !== undefined) nodePortRules(nat, s, f, spn, svc);
}

function sepRules(nat: Table, e: DemoEndpoint, sep: string, spn: string, proto: string, through: Count): void {
  nat.chain(sep);
  nat.rule(sep, [0, 0], `-s ${e.ip}/32 -m comment --comment "${spn}" -j KUBE-MARK-MASQ`);
  nat.rule(
    sep,
    through,
    `-p ${proto} -m comment --comment "${spn}" -m ${proto} -j DNAT --to-destination ${e.ip}:${e.port}`,
  );
}

function nodePortRules(nat: Table, s: DemoService, f: Flows, spn: string, svc: string): void {
  const proto = s.protocol;
  const ext = serviceChainName("KUBE-EXT", spn, proto);
  const through = bytes(f.nodePort, s.firstPacketBytes);
  nat.rule(
    "KUBE-NODEPORTS",
    through,
    `-p ${proto} -m comment --comment "${spn}" -m ${proto} --dport ${s.nodePort} -j ${ext}`,
  );
  if (!s.externalLocal) {
    nat.rule(
      ext,
      through,
      `-m comment --comment "masquerade traffic for ${spn} external destinations" -j KUBE-MARK-MASQ`,
    );
    nat.rule(ext, through, `-j ${svc}`);
    return;
  }
  const svl = serviceChainName("KUBE-SVL", spn, proto);
  const c = (what: string) => `-m comment --comment "${what} for ${spn} external destinations"`;
  nat.rule(ext, [0, 0], `-s ${DEMO_POD_CIDR} ${c("pod traffic")} -j ${svc}`);
  nat.rule(ext, [0, 0], `${c("masquerade LOCAL traffic")} -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
  nat.rule(ext, [0, 0], `${c("route LOCAL traffic")} -m addrtype --src-type LOCAL -j ${svc}`);
  nat.rule(ext, through, `-j ${svl}`);
  const locals = s.endpoints.map((e, i) => ({ e, i })).filter(({ e }) => e.local);
  locals.forEach(({ e, i }, k) => {
    const sep = endpointChainName(spn, proto, `${e.ip}:${e.port}`);
    const stat =
      k < locals.length - 1
        ? ` -m statistic --mode random --probability ${savedProbability(1 / (locals.length - k))}`
        : "";
    nat.rule(
      svl,
      bytes(f.local[i] ?? 0, s.firstPacketBytes),
      `-m comment --comment "${spn} -> ${e.ip}:${e.port}"${stat} -j ${sep}`,
    );
  });
}

/** The demo dump `elapsedMs` after the demo started; `takenAt` only sets the header date. Same input, same text. */
export function demoDump(elapsedMs: number, takenAt: number = DEMO_EPOCH + elapsedMs): string {
  const t = Math.max(0, elapsedMs) / 1000;
  const mangle = new Table("mangle");
  for (const c of ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"]) mangle.chain(c, "ACCEPT");
  mangle.chain("KUBE-IPTABLES-HINT");
  mangle.chain("KUBE-KUBELET-CANARY");

  const filter = new Table("filter");
  const nat = new Table("nat");
  const flows = DEMO_SERVICES.map((s, index) => flowsOf(s, index, t));
  const clusterAll = sum(flows.map((f) => sum(f.cluster)));
  const nodePortAll = sum(flows.map((f, i) => (DEMO_SERVICES[i]?.nodePort !== undefined ? f.nodePort : 0)));
  // new connections from elsewhere (pods and the node talking to the world) pass the built-in chains too
  const idle = Math.floor(flow(2_000, 1.5, 40, 0, t));
  const prerouting = Math.floor(clusterAll * 0.9) + nodePortAll + idle;
  const output = clusterAll - Math.floor(clusterAll * 0.9) + idle;
  const all = prerouting + output;
  nat.chain("PREROUTING", "ACCEPT", [prerouting, prerouting * 60]);
  nat.chain("INPUT", "ACCEPT", [nodePortAll + idle, (nodePortAll + idle) * 60]);
  nat.chain("OUTPUT", "ACCEPT", [output, output * 60]);
  nat.chain("POSTROUTING", "ACCEPT", [all, all * 60]);
  DEMO_SERVICES.forEach((s, i) => {
    serviceRules(nat, s, flows[i] as Flows, servicePortName(s));
  });
  const portals = `-m comment --comment "kubernetes service portals" -j KUBE-SERVICES`;
  nat.rule("PREROUTING", [prerouting, prerouting * 60], portals);
  nat.rule("OUTPUT", [output, output * 60], portals);
  nat.rule("POSTROUTING", [all, all * 60], `-m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING`);
  nat.rule("KUBE-MARK-MASQ", [0, 0], "-j MARK --set-xmark 0x4000/0x4000");
  nat.rule("KUBE-POSTROUTING", [0, 0], "-m mark ! --mark 0x4000/0x4000 -j RETURN");
  nat.rule("KUBE-POSTROUTING", [0, 0], "-j MARK --set-xmark 0x4000/0x0");
  nat.rule(
    "KUBE-POSTROUTING",
    [0, 0],
    `-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully`,
  );
  nat.rule(
    "KUBE-SERVICES",
    [nodePortAll, nodePortAll * 60],
    `-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`,
  );

  filterRules(filter, t);
  const header = `# Generated by iptables-save v1.8.9 (nf_tables) on ${ctime(takenAt)}`;
  const footer = `# Completed on ${ctime(takenAt)}`;
  return [mangle, filter, nat].flatMap((table) => [header, ...table.render(), footer]).join("\n") + "\n";
}

function filterRules(filter: Table, t: number): void {
  const input = Math.floor(flow(90_000, 40, 30, 1, t));
  const forward = Math.floor(flow(20_000, 8, 30, 2, t));
  const out = Math.floor(flow(85_000, 38, 30, 3, t));
  filter.chain("INPUT", "ACCEPT", [input, input * 120]);
  filter.chain("FORWARD", "ACCEPT", [forward, forward * 400]);
  filter.chain("OUTPUT", "ACCEPT", [out, out * 110]);
  const fresh = `-m conntrack --ctstate NEW`;
  filter.rule(
    "INPUT",
    [0, 0],
    `${fresh} -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL`,
  );
  filter.rule("INPUT", [0, 0], `-m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS`);
  filter.rule(
    "INPUT",
    [0, 0],
    `${fresh} -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES`,
  );
  filter.rule(
    "FORWARD",
    [0, 0],
    `${fresh} -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL`,
  );
  filter.rule("FORWARD", [0, 0], `-m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD`);
  filter.rule("FORWARD", [0, 0], `${fresh} -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`);
  filter.rule(
    "FORWARD",
    [0, 0],
    `${fresh} -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES`,
  );
  filter.rule(
    "OUTPUT",
    [0, 0],
    `${fresh} -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL`,
  );
  filter.rule("OUTPUT", [0, 0], `${fresh} -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`);
  filter.chain("KUBE-EXTERNAL-SERVICES");
  filter.chain("KUBE-NODEPORTS");
  filter.chain("KUBE-PROXY-FIREWALL");
  filter.rule("KUBE-FORWARD", [0, 0], "-m conntrack --ctstate INVALID -j DROP");
  filter.rule(
    "KUBE-FORWARD",
    [0, 0],
    `-m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT`,
  );
  filter.rule(
    "KUBE-FORWARD",
    [0, 0],
    `-m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  );
  const s = DEMO_NO_ENDPOINTS;
  const spn = servicePortName(s);
  // someone keeps calling the service that has no pods: every attempt is rejected
  const rejected = Math.floor(flow(310, 0.5, 50, 4, t));
  filter.rule(
    "KUBE-SERVICES",
    [rejected, rejected * 60],
    `-d ${s.clusterIP}/32 -p ${s.protocol} -m comment --comment "${spn} has no endpoints" -m ${s.protocol} --dport ${s.port} -j REJECT --reject-with icmp-port-unreachable`,
  );
}
