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

  test("Page Down and Down past the window draw the rows that follow, each once, the last one selected", async () => {
    r = await renderApp({ columns: 120, rows: 40 });
    r.store.applySample(sample(t, s, NOW));
    await r.press();
    // busiest first, 33 rows a page: svc-09999 down to svc-09967; a move scrolls only so far as to show the selection
    const ids = () => [...r!.frame().matchAll(/^[› ] ns\d+\/svc-(\d{5}):http/gm)].map((m) => Number(m[1]));
    const page = (first: number) => Array.from({ length: 33 }, (_, i) => first - i);
    expect(ids()).toEqual(page(9999));
    await r.press(KEY.pageDown);
    expect(ids()).toEqual(page(9998));
    expect(r.frame()).toMatch(/^› ns\d+\/svc-09966:http/m);
    await r.press(KEY.down);
    expect(ids()).toEqual(page(9997));
    expect(r.frame()).toMatch(/^› ns\d+\/svc-09965:http/m);
    await r.press(KEY.pageDown);
    expect(ids()).toEqual(page(9964));
    expect(r.frame()).toMatch(/^› ns\d+\/svc-09932:http/m);
    expect(r.frame().match(/^›/gm)).toHaveLength(1);
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
