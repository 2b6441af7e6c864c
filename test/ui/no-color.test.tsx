import { afterEach, describe, expect, test, vi } from "vitest";
import { noColorRequested } from "../../src/ui/theme.ts";
import { sample } from "./helpers/builders.ts";
import { cluster } from "./helpers/cluster.ts";
import { NOW, type Rendered, renderApp } from "./helpers/render.tsx";

// tests run without a terminal, so force a colour level for Ink to have colours to leave out
vi.hoisted(() => {
  process.env["FORCE_COLOR"] = "1";
});

// foreground colour codes (30–37, 90–97); bold, dim and inverse are allowed under NO_COLOR
const COLOUR = /\u001b\[(3[0-7]|9[0-7])m/;
let r: Rendered | undefined;
afterEach(() => r?.unmount());

async function draw(noColor: boolean): Promise<string> {
  r = await renderApp({ columns: 80, noColor });
  const { topology, stats } = cluster();
  r.store.applySample(sample(topology, stats, NOW));
  r.store.applyError({ message: "boom", at: NOW });
  await r.press();
  return r.raw();
}

describe("NO_COLOR", () => {
  test("with colours the sparklines, markers and errors are coloured", async () => {
    expect(await draw(false)).toMatch(COLOUR);
  });

  test("with NO_COLOR nothing is coloured", async () => {
    const raw = await draw(true);
    expect(raw).not.toMatch(COLOUR);
    expect(raw).toContain("poll failed");
  });

  test("NO_COLOR counts only when set and non-empty", () => {
    expect(noColorRequested({ NO_COLOR: "1" })).toBe(true);
    expect(noColorRequested({ NO_COLOR: "" })).toBe(false);
    expect(noColorRequested({})).toBe(false);
  });
});
