import { afterEach, describe, expect, test, vi } from "vitest";
import { sample } from "./helpers/builders.ts";
import { cluster } from "./helpers/cluster.ts";
import { KEY, NOW, type Rendered, renderApp } from "./helpers/render.tsx";

// counts how often the UI computes verdicts: once per displayed sample, never per key press or redraw
const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock("../../src/verdict/index.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/verdict/index.ts")>();
  return {
    ...real,
    verdictsOf: (...args: Parameters<typeof real.verdictsOf>) => {
      calls.n += 1;
      return real.verdictsOf(...args);
    },
  };
});

let r: Rendered | undefined;
afterEach(() => r?.unmount());

describe("verdicts are computed once per displayed sample", () => {
  test("not again for key presses, screens or sorts; again for a new sample; not for samples held by pause", async () => {
    r = await renderApp({ columns: 120, rows: 30 });
    expect(calls.n).toBe(0);
    const next = () => {
      const { topology, stats } = cluster();
      r?.store.applySample(sample(topology, stats, NOW));
    };
    next();
    await r.press();
    expect(calls.n).toBe(1);
    await r.press("j", "j", "k", "s", "s", KEY.enter, KEY.escape, "t", KEY.down, "t", "?", KEY.escape, "/", "sh");
    await r.press(KEY.enter, KEY.end, KEY.enter);
    expect(r.frame()).toMatch(/^[✖▲✓] \S/m);
    expect(calls.n).toBe(1);
    next();
    await r.press();
    expect(calls.n).toBe(2);
    await r.press("p");
    next();
    next();
    await r.press("j");
    expect(calls.n).toBe(2);
    await r.press("p");
    expect(calls.n).toBe(3);
  });
});
