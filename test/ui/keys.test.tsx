import { afterEach, describe, expect, test } from "vitest";
import { KEYMAP } from "../../src/app/keymap.ts";
import { sample } from "./helpers/builders.ts";
import { cluster } from "./helpers/cluster.ts";
import { KEY, NOW, type Rendered, renderApp } from "./helpers/render.tsx";

let r: Rendered | undefined;
afterEach(() => r?.unmount());

async function app(columns = 200, rows = 30): Promise<Rendered> {
  r = await renderApp({ columns, rows });
  const { topology, stats } = cluster();
  r.store.applySample(sample(topology, stats, NOW - 1000));
  await r.press();
  return r;
}

/** The service names in the order the list draws them. */
const listed = (frame: string): string[] =>
  frame
    .split("\n")
    .map((l) => /^[› ] (\S+\/\S+)/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);
/** The service on the selected (›) row. */
const selected = (frame: string): string | undefined => /^› (\S+)/m.exec(frame)?.[1];

describe("keys", () => {
  test("s cycles the sort: rate, then name, endpoints, findings, and back", async () => {
    const a = await app();
    expect(listed(a.frame())[0]).toBe("kube-system/kube-dns:dns");
    await a.press("s");
    expect(a.frame()).toContain("sorted by name");
    expect(listed(a.frame())).toEqual([
      "default/hello-world:http",
      "default/kubernetes:https",
      "kube-system/kube-dns:dns",
      "shop/checkout:https",
      "shop/frontend:web",
      "shop/payments:grpc",
    ]);
    await a.press("s");
    expect(a.frame()).toContain("sorted by endpoints");
    expect(listed(a.frame())[0]).toBe("default/hello-world:http");
    await a.press("s");
    expect(a.frame()).toContain("sorted by findings");
    expect(listed(a.frame())[0]).toBe("shop/payments:grpc");
    await a.press("s");
    expect(a.frame()).toContain("sorted by rate");
  });

  test("the selection follows the service, not the row, when the order changes", async () => {
    const a = await app();
    await a.press(KEY.down, KEY.down);
    expect(selected(a.frame())).toBe("shop/frontend:web");
    await a.press("s");
    expect(selected(a.frame())).toBe("shop/frontend:web");
    expect(listed(a.frame()).indexOf("shop/frontend:web")).toBe(4);
  });

  test("the selection also survives a new sample that reorders the list", async () => {
    const a = await app();
    await a.press("j");
    expect(selected(a.frame())).toBe("default/hello-world:http");
    const { topology, stats } = cluster();
    const hello = stats.services.get("default/hello-world:http")!;
    const busier = new Map(stats.services);
    busier.set(hello.name, { ...hello, rate: 100 });
    a.store.applySample(sample(topology, { ...stats, services: busier }, NOW));
    await a.press();
    expect(listed(a.frame())[0]).toBe("default/hello-world:http");
    expect(selected(a.frame())).toBe("default/hello-world:http");
  });

  test("each sort order seen before a new sample is drawn from the new sample after it", async () => {
    const a = await app();
    await a.press("s", "s", "s", "s");
    expect(a.frame()).toContain("sorted by rate");
    expect(listed(a.frame())[0]).toBe("kube-system/kube-dns:dns");
    const { topology, stats } = cluster();
    const hello = stats.services.get("default/hello-world:http")!;
    const busier = new Map(stats.services);
    busier.set(hello.name, { ...hello, rate: 100 });
    const fewer = { ...topology, services: topology.services.filter((x) => x.name !== "shop/checkout:https") };
    a.store.applySample(sample(fewer, { ...stats, services: busier }, NOW));
    await a.press();
    expect(listed(a.frame())[0]).toBe("default/hello-world:http");
    await a.press("s");
    expect(a.frame()).toContain("sorted by name");
    expect(listed(a.frame())).toEqual([
      "default/hello-world:http",
      "default/kubernetes:https",
      "kube-system/kube-dns:dns",
      "shop/frontend:web",
      "shop/payments:grpc",
    ]);
    // moves follow the order drawn: from the first row by name to the second
    await a.press(KEY.down);
    expect(selected(a.frame())).toBe("default/kubernetes:https");
  });

  test("/ filters: typed text shows in the footer, Enter applies, Esc on the list clears", async () => {
    const a = await app();
    await a.press("/", "s", "h", "o", "p", "q");
    expect(a.frame()).toContain("/shopq█");
    expect(a.quits()).toBe(0);
    await a.press(KEY.backspace, KEY.enter);
    expect(listed(a.frame())).toEqual(["shop/frontend:web", "shop/checkout:https", "shop/payments:grpc"]);
    expect(a.frame()).toContain("filter “shop”: 3 of 6");
    await a.press(KEY.escape);
    expect(listed(a.frame())).toHaveLength(6);
  });

  test("Esc while typing a filter clears it; a filter matching nothing says so", async () => {
    const a = await app();
    await a.press("/", "z", "z", KEY.enter);
    expect(a.frame()).toContain("no service matches “zz”");
    await a.press("/", KEY.escape);
    expect(listed(a.frame())).toHaveLength(6);
    expect(a.frame().split("\n").at(-1)).toContain("s sort");
  });

  test("Enter opens the selected service's detail and Esc goes back", async () => {
    const a = await app();
    await a.press(KEY.down, KEY.enter);
    expect(a.frame()).toContain("default/hello-world:http · ClusterIP");
    expect(a.frame()).toContain("ENDPOINT");
    await a.press(KEY.escape);
    expect(a.frame()).toContain("sorted by rate");
    expect(selected(a.frame())).toBe("default/hello-world:http");
  });

  test("keys typed faster than the screen redraws act on the latest selection", async () => {
    const a = await app();
    await a.press(`${KEY.down}${KEY.down}${KEY.enter}`);
    expect(a.frame()).toContain("shop/frontend:web · NodePort");
  });

  test("a filter typed or pasted in one go is applied as if typed key by key", async () => {
    const a = await app();
    await a.press("/shop\r");
    expect(listed(a.frame())).toEqual(["shop/frontend:web", "shop/checkout:https", "shop/payments:grpc"]);
  });

  test("t toggles the tree; Enter there opens the detail and Esc returns to the tree", async () => {
    const a = await app();
    await a.press("t");
    expect(a.frame()).toContain("Tree · 6 services");
    await a.press(KEY.down, KEY.enter);
    expect(a.frame()).toContain("default/hello-world:http · ClusterIP");
    await a.press(KEY.escape);
    expect(a.frame()).toContain("Tree · 6 services");
    await a.press("t");
    expect(a.frame()).toContain("sorted by rate");
  });

  test("p freezes the display while samples keep coming; p again shows the latest", async () => {
    const a = await app();
    await a.press("p");
    const { topology, stats } = cluster();
    const fewer = { ...topology, services: topology.services.slice(0, 2) };
    a.store.applySample(sample(fewer, stats, NOW));
    await a.press();
    expect(a.frame()).toContain("6 services");
    expect(a.frame()).toContain("PAUSED");
    await a.press("p");
    expect(a.frame()).toContain("2 services");
    expect(a.frame()).not.toContain("PAUSED");
  });

  test("+ and - change the interval shown in the header", async () => {
    const a = await app();
    await a.press("+");
    expect(a.frame()).toContain("every 3s");
    expect(a.store.getSnapshot().intervalSec).toBe(3);
    await a.press("-", "-");
    expect(a.frame()).toContain("every 1s");
  });

  test("q and Ctrl-C ask to quit and never exit on their own", async () => {
    const a = await app();
    await a.press("q");
    expect(a.quits()).toBe(1);
    await a.press(KEY.ctrlC);
    expect(a.quits()).toBe(2);
  });

  test("help lists every keymap entry", async () => {
    const a = await app(200, 80);
    await a.press("?");
    const f = a.frame();
    for (const b of KEYMAP) {
      expect(f, b.id).toContain(b.label);
      expect(f, b.id).toContain(b.description);
    }
    await a.press("?");
    expect(a.frame()).toContain("sorted by rate");
  });

  test("arrows, j/k, Page keys, Home and End move the selection", async () => {
    const a = await app(200, 30);
    await a.press(KEY.end);
    expect(selected(a.frame())).toBe("shop/payments:grpc");
    await a.press(KEY.up, "k");
    expect(selected(a.frame())).toBe("default/kubernetes:https");
    await a.press(KEY.home);
    expect(selected(a.frame())).toBe("kube-system/kube-dns:dns");
    await a.press(KEY.pageDown);
    expect(selected(a.frame())).toBe("shop/payments:grpc");
    await a.press(KEY.pageUp);
    expect(selected(a.frame())).toBe("kube-system/kube-dns:dns");
  });

  test("a resize redraws at the new size", async () => {
    const a = await app(200, 30);
    expect(a.frame()).toContain("10.96.0.10:53/udp");
    await a.resize(60, 12);
    const lines = a.frame().split("\n");
    expect(lines.length).toBeLessThanOrEqual(12);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(60);
    expect(a.frame()).toContain("kube-dns");
  });
});
