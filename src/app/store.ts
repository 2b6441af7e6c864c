// The one stateful, time-aware place: holds the latest built sample and the UI state, for useSyncExternalStore.

import type { Topology } from "../model/types.ts";
import type { DumpRead } from "../source/types.ts";
import type { StatsSnapshot } from "../stats/types.ts";
import { type Motion, moveScroll, moveSelection, type NavView } from "./navigate.ts";
import { type AppState, type Screen, SORT_MODES, type UiState } from "./state.ts";

/** The steps `+` and `-` move the poll interval through, in seconds. */
export const INTERVAL_STEPS: readonly number[] = [0.5, 1, 2, 3, 5, 10, 15, 30, 60];

export interface StoreOptions {
  /** Shown in the header, e.g. "local (iptables-save -c)". */
  readonly source: string;
  /** Poll interval in seconds (default 2). */
  readonly intervalSec?: number;
  /** The clock used for ages in the header (default Date.now); tests pass a fixed one. */
  readonly now?: () => number;
}

/** A sample that went through grammar, model and stats. */
export interface BuiltSample {
  readonly topology: Topology;
  readonly stats: StatsSnapshot;
  readonly read: DumpRead;
}

/** A failed poll; a PollEvent of kind "error" fits. */
export interface PollFailure {
  readonly message: string;
  readonly at: number;
  readonly durationMs?: number;
}

export interface Store {
  subscribe(listener: () => void): () => void;
  getSnapshot(): AppState;
  now(): number;
  /** Takes a new sample; while paused it is kept aside and shown on unpause. */
  applySample(sample: BuiltSample): void;
  /** Records a failed poll; the last good sample stays on screen. */
  applyError(failure: PollFailure): void;
  setSource(label: string): void;
  /** Shows a screen; detail and help remember where Esc returns to. */
  show(screen: Screen): void;
  /** Esc: closes detail/help/tree, or clears an applied filter on the list. */
  back(): void;
  select(name: string | null): void;
  cycleSort(): void;
  startFilter(): void;
  editFilter(draft: string): void;
  applyFilter(): void;
  clearFilter(): void;
  move(motion: Motion, view: NavView): void;
  togglePause(): void;
  /** +1 lengthens the interval one step, -1 shortens it. */
  stepInterval(direction: 1 | -1): void;
}

const INITIAL_UI: UiState = {
  screen: "list",
  previous: "list",
  selected: null,
  sort: "rate",
  filter: "",
  filterDraft: "",
  filterEditing: false,
  scroll: 0,
  pageScroll: 0,
};

/** The next interval step above (direction 1) or below (-1) the current one. */
export function nextInterval(current: number, direction: 1 | -1): number {
  if (direction > 0) return INTERVAL_STEPS.find((s) => s > current) ?? current;
  return [...INTERVAL_STEPS].reverse().find((s) => s < current) ?? current;
}

/** Creates the live view's store. */
export function createStore(options: StoreOptions): Store {
  const listeners = new Set<() => void>();
  const now = options.now ?? Date.now;
  let state: AppState = {
    source: options.source,
    notes: [],
    shown: null,
    pending: null,
    samples: 0,
    lastPoll: null,
    error: null,
    intervalSec: options.intervalSec ?? 2,
    paused: false,
    ui: INITIAL_UI,
  };

  const set = (next: AppState): void => {
    if (next === state) return;
    state = next;
    for (const l of listeners) l();
  };
  const setUi = (patch: Partial<UiState>): void => set({ ...state, ui: { ...state.ui, ...patch } });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
    now,
    applySample({ topology, stats, read }) {
      const built = { topology, stats };
      set({
        ...state,
        shown: state.paused ? state.shown : built,
        pending: state.paused ? built : null,
        samples: state.samples + 1,
        notes: read.notes,
        lastPoll: { at: read.takenAt, durationMs: read.durationMs },
      });
    },
    applyError({ message, at }) {
      set({ ...state, error: { message, at } });
    },
    setSource(label) {
      set({ ...state, source: label });
    },
    show(screen) {
      const ui = state.ui;
      if (screen === ui.screen) return;
      const previous = screen === "detail" || screen === "help" ? ui.screen : ui.previous;
      setUi({ screen, previous: previous === "help" ? "list" : previous, pageScroll: 0, filterEditing: false });
    },
    back() {
      const ui = state.ui;
      if (ui.screen === "detail" || ui.screen === "help") setUi({ screen: ui.previous, pageScroll: 0 });
      else if (ui.screen === "tree") setUi({ screen: "list" });
      else if (ui.filter !== "") setUi({ filter: "", filterDraft: "" });
    },
    select(name) {
      setUi({ selected: name });
    },
    cycleSort() {
      const i = SORT_MODES.indexOf(state.ui.sort);
      setUi({ sort: SORT_MODES[(i + 1) % SORT_MODES.length] ?? "rate" });
    },
    startFilter() {
      setUi({ filterEditing: true, filterDraft: state.ui.filter });
    },
    editFilter(draft) {
      setUi({ filterDraft: draft });
    },
    applyFilter() {
      setUi({ filterEditing: false, filter: state.ui.filterDraft.trim(), scroll: 0 });
    },
    clearFilter() {
      setUi({ filterEditing: false, filter: "", filterDraft: "", scroll: 0 });
    },
    move(motion, view) {
      const ui = state.ui;
      if (view.kind === "scroll") setUi({ pageScroll: moveScroll(view, ui.pageScroll, motion) });
      else setUi(moveSelection(view, ui.selected, ui.scroll, motion));
    },
    togglePause() {
      if (!state.paused) set({ ...state, paused: true });
      else set({ ...state, paused: false, shown: state.pending ?? state.shown, pending: null });
    },
    stepInterval(direction) {
      const intervalSec = nextInterval(state.intervalSec, direction);
      if (intervalSec !== state.intervalSec) set({ ...state, intervalSec });
    },
  };
}
