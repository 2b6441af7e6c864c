import { describe, expect, test } from "vitest";
import { chainPaths } from "../../src/ui/chain-path.ts";
import { endpoint, equalEndpoints, service } from "./helpers/builders.ts";

const none = { svc: null, svl: null, ext: null, fw: null, xlb: null };

describe("chain paths", () => {
  test("a cluster IP goes KUBE-SERVICES → KUBE-SVC → its endpoints", () => {
    const s = service("a/b:c", { chains: { ...none, svc: "KUBE-SVC-X" }, endpoints: equalEndpoints("X", 3) });
    expect(chainPaths(s)).toEqual(["KUBE-SERVICES → KUBE-SVC-X → KUBE-SEP-… (3)"]);
  });

  test("a single endpoint is named", () => {
    const s = service("a/b:c", {
      chains: { ...none, svc: "KUBE-SVC-X" },
      endpoints: [endpoint("10.0.0.1:80", { chain: "KUBE-SEP-ONE" })],
    });
    expect(chainPaths(s)).toEqual(["KUBE-SERVICES → KUBE-SVC-X → KUBE-SEP-ONE"]);
  });

  test("a node port (1.24+) goes through KUBE-NODEPORTS and KUBE-EXT", () => {
    const s = service("a/b:c", {
      type: "NodePort",
      nodePorts: [30080],
      chains: { ...none, svc: "KUBE-SVC-X", ext: "KUBE-EXT-X" },
      endpoints: equalEndpoints("X", 2),
    });
    expect(chainPaths(s)).toEqual([
      "KUBE-SERVICES → KUBE-SVC-X → KUBE-SEP-… (2)",
      "KUBE-NODEPORTS → KUBE-EXT-X → KUBE-SVC-X → KUBE-SEP-… (2)",
    ]);
  });

  test("a load balancer with source ranges goes through KUBE-FW; old local policy through KUBE-XLB", () => {
    const s = service("a/b:c", {
      type: "LoadBalancer",
      loadBalancerIPs: ["203.0.113.1"],
      chains: { ...none, svc: "KUBE-SVC-X", fw: "KUBE-FW-X", xlb: "KUBE-XLB-X" },
      endpoints: equalEndpoints("X", 2),
    });
    expect(chainPaths(s)).toEqual([
      "KUBE-SERVICES → KUBE-SVC-X → KUBE-SEP-… (2)",
      "KUBE-SERVICES → KUBE-FW-X → KUBE-XLB-X → KUBE-SEP-… (2)",
    ]);
  });

  test("no chains, no path", () => {
    expect(chainPaths(service("a/b:c", { chains: none }))).toEqual([]);
  });
});
