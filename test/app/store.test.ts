import { describe, expect, test } from "vitest";
import type { NavView } from "../../src/app/navigate.ts";
import { createStore, nextInterval } from "../../src/app/store.ts";
import { sample, service, stats, topology } from "../ui/helpers/builders.ts";

const T = 1_700_000_000_000;
const built = (names: readonly string[], at: number) => {
  const t = topology(names.map((n) => service(n)));
  return sample(
    t,
    stats(t.services, () => ({ rate: 1 })),
    at,
    [`read at ${at}`],
  );
};
const listView = (order: readonly string[], page = 3): NavView => ({
  kind: "select",
  order,
  page,
  total: order.length,
  span: (i) => [i, i],
  indexAt: (l) => l,
});

describe("store", () => {
  test("a sample is shown with its read time, duration and notes", () => {
    const store = createStore({ source: "demo", now: () => T });
    const s = built(["a/a:x"], T - 500);
    store.applySample(s);
    const st = store.getSnapshot();
    expect(st.shown?.topology).toBe(s.topology);
    expect(st.shown?.stats).toBe(s.stats);
    expect(st.lastPoll).toEqual({ at: T - 500, durationMs: 85 });
    expect(st.notes).toEqual([`read at ${T - 500}`]);
    expect(st.samples).toBe(1);
  });

  test("an error keeps the last good sample on screen", () => {
    const store = createStore({ source: "demo" });
    const s = built(["a/a:x"], T);
    store.applySample(s);
    store.applyError({ message: "iptables-save: exit 1", at: T + 2000, durationMs: 12 });
    const st = store.getSnapshot();
    expect(st.shown?.topology).toBe(s.topology);
    expect(st.error).toEqual({ message: "iptables-save: exit 1", at: T + 2000 });
  });

  test("while paused samples are taken but not shown; unpausing shows the latest", () => {
    const store = createStore({ source: "demo" });
    const first = built(["a/a:x"], T);
    store.applySample(first);
    store.togglePause();
    const second = built(["b/b:x"], T + 2000);
    const third = built(["c/c:x"], T + 4000);
    store.applySample(second);
    store.applySample(third);
    let st = store.getSnapshot();
    expect(st.paused).toBe(true);
    expect(st.shown?.topology).toBe(first.topology);
    expect(st.pending?.topology).toBe(third.topology);
    expect(st.samples).toBe(3);
    expect(st.lastPoll?.at).toBe(T + 4000);
    store.togglePause();
    st = store.getSnapshot();
    expect(st.paused).toBe(false);
    expect(st.shown?.topology).toBe(third.topology);
    expect(st.pending).toBeNull();
  });

  test("listeners hear every change and the snapshot keeps its identity in between", () => {
    const store = createStore({ source: "demo" });
    let calls = 0;
    const off = store.subscribe(() => calls++);
    const before = store.getSnapshot();
    expect(store.getSnapshot()).toBe(before);
    store.cycleSort();
    expect(calls).toBe(1);
    expect(store.getSnapshot()).not.toBe(before);
    store.show("list");
    expect(calls).toBe(1);
    off();
    store.cycleSort();
    expect(calls).toBe(1);
  });

  test("s cycles rate → name → endpoints → findings → rate", () => {
    const store = createStore({ source: "demo" });
    const seen = [store.getSnapshot().ui.sort];
    for (let i = 0; i < 4; i++) {
      store.cycleSort();
      seen.push(store.getSnapshot().ui.sort);
    }
    expect(seen).toEqual(["rate", "name", "endpoints", "findings", "rate"]);
  });

  test("a filter is typed as a draft, applied trimmed on Enter, and cleared", () => {
    const store = createStore({ source: "demo" });
    store.startFilter();
    store.editFilter(" dns ");
    expect(store.getSnapshot().ui).toMatchObject({ filterEditing: true, filter: "", filterDraft: " dns " });
    store.applyFilter();
    expect(store.getSnapshot().ui).toMatchObject({ filterEditing: false, filter: "dns" });
    store.startFilter();
    expect(store.getSnapshot().ui.filterDraft).toBe("dns");
    store.clearFilter();
    expect(store.getSnapshot().ui).toMatchObject({ filterEditing: false, filter: "", filterDraft: "" });
  });

  test("Esc returns to where detail and help were opened from, and on the list clears the filter", () => {
    const store = createStore({ source: "demo" });
    store.show("tree");
    store.show("detail");
    store.back();
    expect(store.getSnapshot().ui.screen).toBe("tree");
    store.show("help");
    store.back();
    expect(store.getSnapshot().ui.screen).toBe("tree");
    store.back();
    expect(store.getSnapshot().ui.screen).toBe("list");
    store.startFilter();
    store.editFilter("web");
    store.applyFilter();
    store.back();
    expect(store.getSnapshot().ui).toMatchObject({ screen: "list", filter: "" });
  });

  test("+ and - step the interval and stop at the ends", () => {
    const store = createStore({ source: "demo", intervalSec: 2 });
    store.stepInterval(1);
    expect(store.getSnapshot().intervalSec).toBe(3);
    store.stepInterval(-1);
    store.stepInterval(-1);
    store.stepInterval(-1);
    store.stepInterval(-1);
    expect(store.getSnapshot().intervalSec).toBe(0.5);
    expect(nextInterval(60, 1)).toBe(60);
    expect(nextInterval(4, 1)).toBe(5);
    expect(nextInterval(4, -1)).toBe(3);
  });

  test("movement selects by name in a select view and scrolls in a scroll view", () => {
    const store = createStore({ source: "demo" });
    const order = ["a", "b", "c", "d", "e"];
    store.move("down", listView(order));
    expect(store.getSnapshot().ui.selected).toBe("b");
    store.move("end", listView(order));
    expect(store.getSnapshot().ui).toMatchObject({ selected: "e", scroll: 2 });
    store.move("pageDown", { kind: "scroll", page: 4, total: 10 });
    expect(store.getSnapshot().ui.pageScroll).toBe(4);
    store.move("end", { kind: "scroll", page: 4, total: 10 });
    expect(store.getSnapshot().ui.pageScroll).toBe(6);
  });
});
