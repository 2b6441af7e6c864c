import { describe, expect, test } from "vitest";
import { rowAtLine, treeOffsets, visibleTreeLines } from "../../src/ui/tree-index.ts";
import { serviceTreeLines, treeLineCount } from "../../src/ui/tree-lines.ts";
import { CLUSTER, cluster } from "./helpers/cluster.ts";

const rows = () => {
  const { topology, stats } = cluster();
  return topology.services.map((service) => ({
    service,
    stats: stats.services.get(service.name) ?? null,
    verdict: null,
  }));
};

describe("tree lines", () => {
  test("the cheap line count matches the lines built, for every kind of service", () => {
    for (const row of rows()) expect(treeLineCount(row.service), row.service.name).toBe(serviceTreeLines(row).length);
  });

  test("local endpoints appear again under KUBE-SVL with their local share", () => {
    const shop = rows().find((r) => r.service.name === "shop/frontend:web");
    const text = serviceTreeLines(shop!).map((l) => `${l.prefix}${l.text}  ${l.detail}`);
    expect(text).toEqual([
      "shop/frontend:web  NodePort 10.96.200.7:80  2.00 conn/s",
      "├─ KUBE-EXT-SHOP  ",
      "├─ KUBE-SVC-SHOP  ",
      "│  ├─ KUBE-SEP-SHOPA → 10.244.1.5:80  cfg 50.0%  obs 50.0%  1.00 conn/s  total 10  local",
      "│  └─ KUBE-SEP-SHOPB → 10.244.2.6:80  cfg 50.0%  obs 50.0%  1.00 conn/s  total 12",
      "└─ KUBE-SVL-SHOP  ",
      "   └─ KUBE-SEP-SHOPA → 10.244.1.5:80  cfg 100.0%  obs 50.0%  1.00 conn/s  total 10  local",
    ]);
  });

  test("a service without chains says so instead of inventing endpoints", () => {
    const broken = rows().find((r) => r.service.name === "shop/payments:grpc");
    const lines = serviceTreeLines(broken!);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.text).toBe("no NAT chains");
  });

  test("keys are unique across the whole tree", () => {
    const keys = rows().flatMap((r) => serviceTreeLines(r).map((l) => l.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("only the lines in the window are built, each with its row", () => {
    const r = rows();
    const offsets = treeOffsets(r);
    expect(offsets).toHaveLength(CLUSTER.length + 1);
    const total = offsets[r.length] ?? 0;
    const all = visibleTreeLines(r, offsets, 0, total);
    expect(all).toHaveLength(total);
    const window = visibleTreeLines(r, offsets, 5, 4);
    expect(window.map((w) => w.line.key)).toEqual(all.slice(5, 9).map((w) => w.line.key));
    expect(rowAtLine(offsets, 0)).toBe(0);
    expect(rowAtLine(offsets, total - 1)).toBe(r.length - 1);
    expect(rowAtLine(offsets, offsets[2] ?? 0)).toBe(2);
  });
});
