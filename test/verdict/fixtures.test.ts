import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import { verdictsOf } from "../../src/verdict/index.ts";
import { sharedFixtures } from "../support/paths.ts";

const note = sharedFixtures ? "" : " (skipped: ../shared/fixtures is absent)";

function verdicts(path: string) {
  const text = readFileSync(join(sharedFixtures!, "kube-proxy-tests", path), "utf8");
  return verdictsOf(buildTopology(parseDump(text)));
}

describe.skipIf(!sharedFixtures)(`verdicts on kube-proxy's own dumps${note}`, () => {
  it("reads era3 TestOverallIPTablesRules service by service", () => {
    const v = verdicts("era3-2025-newest/TestOverallIPTablesRules.txt");
    const s = (name: string) => v.services.get(name)!;
    expect(s("ns1/svc1:p80")).toMatchObject({ status: "ok", sentence: "healthy on this node: 1 endpoint" });
    expect(s("ns2/svc2:p80").sentence).toMatch(
      /^traffic arriving at this node is dropped: externalTrafficPolicy is Local/,
    );
    expect(s("ns4/svc4:p80")).toMatchObject({ status: "ok", sentence: "healthy on this node: 2 endpoints" });
    expect(s("ns5/svc5:p80").sentence).toContain("load-balancer traffic from outside 203.0.113.0/25 is dropped");
    expect(s("ns6/svc6:p80")).toMatchObject({
      status: "error",
      sentence: "connections are refused: the service has no ready endpoints",
      codes: ["no-endpoints"],
    });
    expect(v.status).toBe("error");
    expect(v.dump.status).toBe("ok");
  });

  it("does not call a partial-sync payload's missing chains errors", () => {
    const v = verdicts("era3-2025-newest/TestSyncProxyRulesRepeated-3.txt");
    expect(v.status).toBe("ok");
    expect(v.services.get("ns1/svc1:p80")?.codes).toContain("dangling-jump");
  });
});
