// The shape of the live view's state: what the store holds and the UI reads. Plain data.

import type { Topology } from "../model/types.ts";
import type { StatsSnapshot } from "../stats/types.ts";

export type Screen = "list" | "detail" | "tree" | "help";
export type SortMode = "rate" | "name" | "endpoints" | "findings";

/** The order `s` cycles through. */
export const SORT_MODES: readonly SortMode[] = ["rate", "name", "endpoints", "findings"];

/** Navigation and display choices; none of it depends on row positions except the scroll offsets. */
export interface UiState {
  readonly screen: Screen;
  /** Where Esc returns to from detail and help. */
  readonly previous: Screen;
  /** The selected service by name (stable across re-sorting and new samples); null: the first row. */
  readonly selected: string | null;
  readonly sort: SortMode;
  /** The applied filter (case-insensitive substring of name or address); "" for none. */
  readonly filter: string;
  /** The filter being typed while `filterEditing`. */
  readonly filterDraft: string;
  readonly filterEditing: boolean;
  /** First visible line of the services list / tree (rows or tree lines). */
  readonly scroll: number;
  /** First visible line of the detail and help screens. */
  readonly pageScroll: number;
}

/** A built sample as the store shows it. */
export interface Shown {
  readonly topology: Topology;
  readonly stats: StatsSnapshot;
}

/** Everything the live view shows. Replaced, never mutated, on every change. */
export interface AppState {
  /** Where dumps come from, e.g. "local (iptables-save -c)", "demo". */
  readonly source: string;
  /** Notes from the latest read, e.g. which iptables backend was chosen. */
  readonly notes: readonly string[];
  /** What is displayed; null until the first sample. Frozen while paused. */
  readonly shown: Shown | null;
  /** Samples taken while paused, applied on unpause (only the latest is kept). */
  readonly pending: Shown | null;
  /** Samples applied in total (including ones taken while paused). */
  readonly samples: number;
  /** Last successful poll: when it finished (ms since epoch) and how long it took. */
  readonly lastPoll: { readonly at: number; readonly durationMs: number } | null;
  /** Last failed poll. */
  readonly error: { readonly message: string; readonly at: number } | null;
  readonly intervalSec: number;
  readonly paused: boolean;
  readonly ui: UiState;
}
