import { afterEach, describe, expect, test } from "vitest";
import type { Service } from "../../src/model/types.ts";
import { equalEndpoints, sample, service, stats, topology } from "./helpers/builders.ts";
import { KEY, NOW, type Rendered, renderApp } from "./helpers/render.tsx";

const N = 10_000;
const services: Service[] = Array.from({ length: N }, (_, i) => {
  const id = String(i).padStart(5, "0");
  return service(`ns${i % 50}/svc-${id}:http`, {
    clusterIP: `10.${96 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`,
    endpoints: equalEndpoints(`S${id}X`, 3, () => i),
  });
});
const t = topology(services);
const s = stats(t.services, (x) => ({ rate: Number(x.name.slice(-10, -5)), series: [1, 2, 3] }));

let r: Rendered | undefined;
afterEach(() => r?.unmount());

describe("10,000 services", () => {
  test.each(["list", "tree"])("the %s draws only the rows that fit", async (screen) => {
    r = await renderApp({ columns: 120, rows: 40 });
    r.store.applySample(sample(t, s, NOW));
    if (screen === "tree") r.store.show("tree");
    await r.press();
    const lines = r.frame().split("\n");
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(r.frame()).toContain(`${N} services`);
    // busiest first: the highest-numbered service leads
    expect(r.frame()).toContain("svc-09999");
    expect(r.frame()).not.toContain("svc-00000");
  });

  test("End jumps to the last service and the frame still fits", async () => {
    r = await renderApp({ columns: 120, rows: 40 });
    r.store.applySample(sample(t, s, NOW));
    await r.press();
    await r.press(KEY.end);
    const f = r.frame();
    expect(f).toMatch(/^› ns0\/svc-00000:http/m);
    expect(f).toContain(`${N}/${N}`);
    expect(f.split("\n").length).toBeLessThanOrEqual(40);
    // a page is 33 rows: 40 rows, less one kept free, the header (3), the footer (1) and the list's titles (2)
    await r.press(KEY.pageUp);
    expect(r.frame()).toContain(`${N - 33}/${N}`);
  });
});
