import { afterEach, describe, expect, test, vi } from "vitest";
import { createStore } from "../../src/app/store.ts";
import { endpoint, finding, sample, service, stats, topology, windowSpec } from "./helpers/builders.ts";
import { KEY, NOW, type Rendered, renderApp } from "./helpers/render.tsx";

// no styling at all, so any escape byte in a frame would have come from the data
vi.hoisted(() => {
  process.env["FORCE_COLOR"] = "0";
});

const ESC = "\u001b";
const hostileName = `evil/${ESC}]0;pwned${ESC}\\name${ESC}[2J${ESC}[H:http\u0007`;
const evil = service(hostileName, {
  clusterIP: `10.96.0.66${ESC}[31m`,
  chains: { svc: `KUBE-SVC-EVIL${ESC}[?1049l`, svl: null, ext: null, fw: null, xlb: null },
  endpoints: [endpoint(`10.244.0.66:80${ESC}]52;c;ZXZpbA==\u0007`, { chain: `KUBE-SEP-EVIL\u009b2J`, packets: 5 })],
  findings: [finding("orphan-chain", "warning", `comment says ${ESC}[5m\u202eknil\u0000 blink`, hostileName)],
});
// verdict sentences quote names from the dump: an endpoint address (live check), source ranges, a dump finding
const pinned = service(`evil/pinned${ESC}[2J:grpc`, {
  clusterIP: "10.96.0.67",
  sourceRanges: [`198.51.100.0/24${ESC}]0;x\u0007`],
  endpoints: [
    endpoint(`10.244.0.70:80${ESC}[31m`, { chain: "KUBE-SEP-PIN0", probability: 0.5, packets: 200 }),
    endpoint("10.244.0.71:80", { chain: "KUBE-SEP-PIN1", probability: 0.5, packets: 0 }),
  ],
  findings: [finding("lb-source-ranges", "info", "source ranges apply", `evil/pinned${ESC}[2J:grpc`)],
});
const dumpFinding = finding("odd-thing", "warning", `Something ${ESC}[6n odd\u009b1m here`, null);
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

let r: Rendered | undefined;
afterEach(() => r?.unmount());

async function render(columns: number): Promise<Rendered> {
  const store = createStore({ source: `ssh node-1${ESC}]2;title\u0007`, now: () => NOW });
  r = await renderApp({ columns, rows: 30, store });
  const t = topology([evil]);
  r.store.applySample(
    sample(
      t,
      stats(t.services, () => ({ rate: 1 })),
      NOW,
      [`note ${ESC}[1;31mred`],
    ),
  );
  r.store.applyError({ message: `ssh: ${ESC}[2Kbad${ESC}c host`, at: NOW });
  await r.press();
  return r;
}

describe("hostile text from the dump", () => {
  test.each([80, 200])("is drawn without its control sequences in every screen (%i columns)", async (columns) => {
    const a = await render(columns);
    const frames: string[] = [a.raw()];
    await a.press(KEY.enter);
    frames.push(a.raw());
    await a.press(KEY.escape, "t");
    frames.push(a.raw());
    for (const f of frames) {
      expect(f).not.toContain(ESC);
      expect(f).not.toMatch(CONTROL);
    }
    expect(frames[0]).toContain("evil/name:http");
    expect(frames[0]).toContain("ssh node-1");
    expect(frames[0]).toContain("ssh: bad host");
    expect(frames[1]).toContain("comment says knil blink");
    expect(frames[1]).toContain("10.244.0.66:80");
    expect(frames[2]).toContain("KUBE-SEP-EVIL → 10.244.0.66:80");
  });

  test.each([80, 200])(
    "verdict sentences, the load line and the dump's line are drawn clean (%i columns)",
    async (columns) => {
      r = await renderApp({ columns, rows: 30 });
      const t = topology([pinned], { findings: [...pinned.findings, dumpFinding] });
      r.store.applySample(
        sample(
          t,
          stats(t.services, () => windowSpec([200, 0])),
          NOW,
        ),
      );
      await r.press();
      const list = r.raw();
      await r.press(KEY.enter);
      const detail = r.raw();
      for (const f of [list, detail]) {
        expect(f).not.toContain(ESC);
        expect(f).not.toMatch(CONTROL);
      }
      expect(list).toMatch(/^▲ something +odd here$/m);
      expect(list).toMatch(/evil\/pinned:grpc +.*▲1/);
      const text = detail
        .split("\n")
        .map((l) => l.trim())
        .join(" ");
      expect(text).toContain("all 200 recent connections went to one endpoint (10.244.0.70:80) of 2");
      expect(text).toContain("load-balancer traffic from outside 198.51.100.0/24 is dropped");
      expect(detail).toMatch(/^load: skewed \(p = /m);
    },
  );

  test("the filter prompt does not echo control characters either", async () => {
    const a = await render(80);
    await a.press("/", `a${ESC}[31mb`);
    expect(a.raw()).not.toContain(ESC);
  });
});
