// Service ports from canonical iptables-save text: addresses, ports, node ports, external/LB IPs, type, names.

import { describe, expect, it } from "vitest";
import { chainOf, clusterIPRules, model, save, sepOf, service, withCode } from "./helpers.ts";

const API = "prod/api:https";

describe("frontends", () => {
  it("a cluster IP rule in iptables-save's canonical order gives protocol, VIP without /32 and port", () => {
    const t = model(save({ nat: clusterIPRules(API, "10.96.0.42", 443, ["10.244.1.2:8443"]) }));
    expect(service(t, API)).toMatchObject({
      namespace: "prod",
      protocol: "tcp",
      clusterIP: "10.96.0.42",
      port: 443,
      type: "ClusterIP",
      chains: { svc: chainOf(API), svl: null, ext: null, fw: null, xlb: null },
      endpoints: [{ address: "10.244.1.2:8443", chain: sepOf(API, "10.244.1.2:8443") }],
    });
  });

  it("IPv6: the cluster IP drops /128 and endpoints keep [addr]:port", () => {
    const t = model(save({ nat: clusterIPRules(API, "fd00:10:96::2a", 443, ["[fd00:10:244::5]:8443"]) }));
    const s = service(t, API);
    expect(s.clusterIP).toBe("fd00:10:96::2a");
    expect(s.endpoints.map((e) => e.address)).toEqual(["[fd00:10:244::5]:8443"]);
    expect(t.findings).toEqual([]);
  });

  it("node ports are deduplicated, including the 127.0.0.0/8 nfacct copies", () => {
    const ext = chainOf(API, "KUBE-EXT");
    const t = model(
      save({
        nat: [
          `-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment ${API} -m tcp --dport 30443 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${ext}`,
          `-A KUBE-NODEPORTS -p tcp -m comment --comment ${API} -m tcp --dport 30443 -j ${ext}`,
          `-A ${ext} -m comment --comment "masquerade traffic for ${API} external destinations" -j KUBE-MARK-MASQ`,
          `-A ${ext} -j ${chainOf(API)}`,
          ...clusterIPRules(API, "10.96.0.42", 443, ["10.244.1.2:8443"]),
        ],
      }),
    );
    expect(service(t, API)).toMatchObject({ nodePorts: [30443], type: "NodePort", chains: { ext } });
  });

  it("external IPs, and load-balancer IPs from inline rules that jump straight to KUBE-SVC", () => {
    const svc = chainOf(API);
    const t = model(
      save({
        nat: [
          ...clusterIPRules(API, "10.96.0.42", 443, ["10.244.1.2:8443"]),
          `-A KUBE-SERVICES -d 198.51.100.9/32 -p tcp -m comment --comment "${API} external IP" -m tcp --dport 443 -j ${svc}`,
          `-A KUBE-SERVICES -d 203.0.113.40/32 -p tcp -m comment --comment "${API} loadbalancer IP" -m tcp --dport 443 -j ${svc}`,
        ],
      }),
    );
    expect(service(t, API)).toMatchObject({
      externalIPs: ["198.51.100.9"],
      loadBalancerIPs: ["203.0.113.40"],
      type: "LoadBalancer",
    });
  });

  it("the type is ExternalIP with only external IPs", () => {
    const t = model(
      save({
        nat: [
          ...clusterIPRules(API, "10.96.0.42", 443, ["10.244.1.2:8443"]),
          `-A KUBE-SERVICES -d 198.51.100.9/32 -p tcp -m comment --comment "${API} external IP" -m tcp --dport 443 -j ${chainOf(API)}`,
        ],
      }),
    );
    expect(service(t, API).type).toBe("ExternalIP");
  });

  it("KUBE-FW source ranges become sourceRanges and an info finding", () => {
    const fw = chainOf(API, "KUBE-FW");
    const ext = chainOf(API, "KUBE-EXT");
    const t = model(
      save({
        nat: [
          ...clusterIPRules(API, "10.96.0.42", 443, ["10.244.1.2:8443"]),
          `-A KUBE-SERVICES -d 203.0.113.40/32 -p tcp -m comment --comment "${API} loadbalancer IP" -m tcp --dport 443 -j ${fw}`,
          `-A ${fw} -s 192.0.2.0/24 -m comment --comment "${API} loadbalancer IP" -j ${ext}`,
          `-A ${fw} -s 203.0.113.40/32 -m comment --comment "${API} loadbalancer IP" -j ${ext}`,
          `-A ${fw} -m comment --comment "other traffic to ${API} will be dropped by KUBE-PROXY-FIREWALL"`,
          `-A ${ext} -j ${chainOf(API)}`,
        ],
      }),
    );
    const s = service(t, API);
    expect(s.sourceRanges).toEqual(["192.0.2.0/24"]);
    expect(s.chains).toMatchObject({ fw, ext });
    expect(withCode(s, "lb-source-ranges")[0]!.message).toContain("192.0.2.0/24");
  });

  it("ClientIP affinity seconds come from the --rcheck jumps, which are not endpoints", () => {
    const svc = chainOf(API);
    const a = sepOf(API, "10.244.1.2:8443");
    const t = model(
      save({
        nat: [
          `-A KUBE-SERVICES -d 10.96.0.42/32 -p tcp -m comment --comment "${API} cluster IP" -m tcp --dport 443 -j ${svc}`,
          `-A ${svc} -m comment --comment "${API} -> 10.244.1.2:8443" -m recent --rcheck --seconds 3600 --reap --name ${a} --mask 255.255.255.255 --rsource -j ${a}`,
          `-A ${svc} -m comment --comment "${API} -> 10.244.1.2:8443" -j ${a}`,
          `-A ${a} -p tcp -m comment --comment ${API} -m recent --set --name ${a} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.2:8443`,
        ],
      }),
    );
    const s = service(t, API);
    expect(s.affinitySeconds).toBe(3600);
    expect(s.endpoints).toHaveLength(1);
    expect(s.endpoints[0]).toMatchObject({ probability: 1, rawProbability: null });
  });

  it("the old unnamed form ns/name: is the same service port as ns/name, and its hash checks out", () => {
    const old = "prod/web:";
    const svc = chainOf(old);
    const sep = sepOf(old, "10.244.1.2:80");
    const t = model(
      save({
        nat: [
          `-A KUBE-SERVICES -d 10.96.0.50/32 -p tcp -m comment --comment "${old} cluster IP" -m tcp --dport 80 -j ${svc}`,
          `-A ${svc} -m comment --comment ${old} -j ${sep}`,
          `-A ${sep} -p tcp -m comment --comment ${old} -m tcp -j DNAT --to-destination 10.244.1.2:80`,
        ],
        filter: [
          `-A KUBE-SERVICES -d 10.96.0.50/32 -p tcp -m comment --comment "${old} has no local endpoints" -m tcp --dport 80 -j DROP`,
        ],
      }),
    );
    expect(t.services.map((s) => s.name)).toEqual(["prod/web"]);
    expect(withCode(t, "name-hash-mismatch")).toEqual([]);
    expect(withCode(t, "no-local-endpoints")[0]!.message).toContain("internalTrafficPolicy");
    expect(t.era).toBe("≤1.20 (unnamed ports as ns/name:)");
  });

  it("a port known only from a filter REJECT is listed with no endpoints and a no-endpoints error", () => {
    const t = model(
      save({
        filter: [
          `-A KUBE-SERVICES -d 10.96.0.60/32 -p udp -m comment --comment "prod/dns:dns has no endpoints" -m udp --dport 53 -j REJECT --reject-with icmp-port-unreachable`,
        ],
        nat: ["-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS"],
      }),
    );
    const s = service(t, "prod/dns:dns");
    expect(s).toMatchObject({ protocol: "udp", clusterIP: "10.96.0.60", port: 53, endpoints: [], type: "ClusterIP" });
    expect(withCode(s, "no-endpoints")).toMatchObject([{ severity: "error", chain: "KUBE-SERVICES", line: 4 }]);
  });

  it("services are sorted by name", () => {
    const t = model(
      save({
        nat: [
          ...clusterIPRules("zeta/b:http", "10.96.0.2", 80, ["10.244.0.2:80"]),
          ...clusterIPRules("alpha/a:http", "10.96.0.1", 80, ["10.244.0.1:80"]),
          ...clusterIPRules("alpha/a", "10.96.0.3", 80, ["10.244.0.3:80"]),
        ],
      }),
    );
    expect(t.services.map((s) => s.name)).toEqual(["alpha/a", "alpha/a:http", "zeta/b:http"]);
  });

  it("two ports with the same cluster IP and port: the later one gets a duplicate-frontend warning", () => {
    const t = model(
      save({
        nat: [
          ...clusterIPRules("a/one:http", "10.96.0.9", 80, ["10.244.0.1:80"]),
          ...clusterIPRules("b/two:http", "10.96.0.9", 80, ["10.244.0.2:80"]),
        ],
      }),
    );
    expect(withCode(service(t, "a/one:http"), "duplicate-frontend")).toEqual([]);
    const [f] = withCode(service(t, "b/two:http"), "duplicate-frontend");
    expect(f!.message).toContain("a/one:http");
  });
});
