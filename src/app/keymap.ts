// The keymap as data: one table drives input handling, the footer hints and the help screen.

import { type KeyPress, type KeySpec, matches } from "./key-match.ts";
import type { Motion, NavView } from "./navigate.ts";
import type { AppState, UiState } from "./state.ts";
import type { Store } from "./store.ts";

/** Where a binding is active: a screen, or typing a filter. */
export type Mode = UiState["screen"] | "filter";

/** What an action may use. */
export interface KeyContext {
  readonly store: Store;
  readonly state: AppState;
  /** What movement keys act on in the current screen. */
  readonly view: NavView;
  /** The service under the cursor (the effective selection), null when no row is shown. */
  readonly current: string | null;
  quit(): void;
}

export interface KeyBinding {
  readonly id: string;
  readonly keys: readonly KeySpec[];
  /** How the keys are written in help, e.g. "↑ k". */
  readonly label: string;
  readonly description: string;
  readonly modes: readonly Mode[];
  /** Short footer text; bindings without one stay out of the footer. */
  readonly hint?: string;
  /** Modes whose footer shows the hint (default: all of `modes`). */
  readonly hintModes?: readonly Mode[];
  run(ctx: KeyContext, input: string): void;
}

const BROWSE: readonly Mode[] = ["list", "tree", "detail", "help"];
const ROWS: readonly Mode[] = ["list", "tree"];
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g;

const motion = (id: Motion, keys: readonly KeySpec[], label: string, description: string): KeyBinding => ({
  id,
  keys,
  label,
  description,
  modes: BROWSE,
  run: (ctx) => ctx.store.move(id, ctx.view),
});

/** Every binding, in help order; the first binding matching a key in the current mode wins. */
export const KEYMAP: readonly KeyBinding[] = [
  {
    id: "interrupt",
    keys: [{ input: "c", ctrl: true }],
    label: "Ctrl-C",
    description: "quit",
    modes: [...BROWSE, "filter"],
    run: (ctx) => ctx.quit(),
  },
  {
    id: "filter-apply",
    keys: [{ key: "return" }],
    label: "Enter",
    description: "apply the filter",
    modes: ["filter"],
    hint: "Enter apply",
    run: (ctx) => ctx.store.applyFilter(),
  },
  {
    id: "filter-clear",
    keys: [{ key: "escape" }],
    label: "Esc",
    description: "clear the filter",
    modes: ["filter"],
    hint: "Esc clear",
    run: (ctx) => ctx.store.clearFilter(),
  },
  {
    id: "filter-erase",
    keys: [{ key: "backspace" }, { key: "delete" }],
    label: "Backspace",
    description: "delete the last character of the filter",
    modes: ["filter"],
    run: (ctx) => ctx.store.editFilter([...ctx.state.ui.filterDraft].slice(0, -1).join("")),
  },
  {
    id: "filter-type",
    keys: [{ text: true }],
    label: "text",
    description: "type the filter (name, address or type)",
    modes: ["filter"],
    run: (ctx, input) => ctx.store.editFilter(ctx.state.ui.filterDraft + input.replace(CONTROL_CHARS, "")),
  },
  {
    id: "detail",
    keys: [{ key: "return" }],
    label: "Enter",
    description: "open the selected service's detail",
    modes: ROWS,
    hint: "Enter detail",
    run: (ctx) => {
      if (ctx.current === null) return;
      ctx.store.select(ctx.current);
      ctx.store.show("detail");
    },
  },
  {
    id: "back",
    keys: [{ key: "escape" }],
    label: "Esc",
    description: "go back (on the list: clear the filter)",
    modes: BROWSE,
    hint: "Esc back",
    hintModes: ["tree", "detail", "help"],
    run: (ctx) => ctx.store.back(),
  },
  {
    id: "filter",
    keys: [{ input: "/" }],
    label: "/",
    description: "filter services (Enter applies, Esc clears)",
    modes: ROWS,
    hint: "/ filter",
    run: (ctx) => ctx.store.startFilter(),
  },
  {
    id: "sort",
    keys: [{ input: "s" }],
    label: "s",
    description: "cycle the sort: rate, name, endpoints, findings",
    modes: ROWS,
    hint: "s sort",
    run: (ctx) => ctx.store.cycleSort(),
  },
  {
    id: "tree",
    keys: [{ input: "t" }],
    label: "t",
    description: "tree view: service → chains → endpoints (again: back to the list)",
    modes: ["list", "tree", "detail"],
    hint: "t tree",
    run: (ctx) => ctx.store.show(ctx.state.ui.screen === "tree" ? "list" : "tree"),
  },
  {
    id: "pause",
    keys: [{ input: "p" }],
    label: "p",
    description: "pause the display (polling goes on; p again shows the latest)",
    modes: BROWSE,
    hint: "p pause",
    run: (ctx) => ctx.store.togglePause(),
  },
  {
    id: "slower",
    keys: [{ input: "+" }, { input: "=" }],
    label: "+",
    description: "poll less often (longer interval)",
    modes: BROWSE,
    hint: "+/- interval",
    run: (ctx) => ctx.store.stepInterval(1),
  },
  {
    id: "faster",
    keys: [{ input: "-" }],
    label: "-",
    description: "poll more often (shorter interval)",
    modes: BROWSE,
    run: (ctx) => ctx.store.stepInterval(-1),
  },
  motion("up", [{ key: "upArrow" }, { input: "k" }], "↑ k", "move up"),
  motion("down", [{ key: "downArrow" }, { input: "j" }], "↓ j", "move down"),
  motion("pageUp", [{ key: "pageUp" }], "PgUp", "one page up"),
  motion("pageDown", [{ key: "pageDown" }, { input: " " }], "PgDn Space", "one page down"),
  motion("home", [{ key: "home" }, { input: "g" }], "Home g", "to the top"),
  motion("end", [{ key: "end" }, { input: "G" }], "End G", "to the bottom"),
  {
    id: "help",
    keys: [{ input: "?" }],
    label: "?",
    description: "help (again: close it)",
    modes: BROWSE,
    hint: "? help",
    run: (ctx) => (ctx.state.ui.screen === "help" ? ctx.store.back() : ctx.store.show("help")),
  },
  {
    id: "quit",
    keys: [{ input: "q" }],
    label: "q",
    description: "quit",
    modes: BROWSE,
    hint: "q quit",
    run: (ctx) => ctx.quit(),
  },
];

/** The mode keys are read in. */
export function modeOf(ui: UiState): Mode {
  return ui.filterEditing ? "filter" : ui.screen;
}

/** The binding a key press triggers in a mode, if any. */
export function findBinding(mode: Mode, input: string, key: KeyPress): KeyBinding | undefined {
  return KEYMAP.find((b) => b.modes.includes(mode) && b.keys.some((s) => matches(s, input, key)));
}

/** The footer hints for a mode, in table order. */
export function hintsFor(mode: Mode): readonly string[] {
  const hints: string[] = [];
  for (const b of KEYMAP) if (b.hint && (b.hintModes ?? b.modes).includes(mode)) hints.push(b.hint);
  return hints;
}
