// The help screen's text: every keymap entry, what the numbers and markers mean, why load can be uneven.

import { KEYMAP, type Mode } from "../app/keymap.ts";
import { SKEW_ALPHA, SKEW_HELP } from "../stats/skew.ts";
import { STATUS_GLYPH } from "./verdict-text.ts";
import { wrapText } from "./wrap.ts";

const MODE_NAMES: Record<Mode, string> = {
  list: "list",
  tree: "tree",
  detail: "detail",
  help: "help",
  filter: "typing a filter",
};

/** Continuation lines of a "term  meaning" line start under the meaning. */
const TERM_INDENT = 14;

// [text, hanging indent of its continuation lines]
const ABOUT: readonly (readonly [string, number])[] = [
  ["", 0],
  ["What the numbers mean", 0],
  ["  conn/s      new connections per second: nat rules see only a connection's first packet.", TERM_INDENT],
  ["  configured  the share of new connections kube-proxy's probabilities give an endpoint.", TERM_INDENT],
  ["  observed    the share it actually got over the recent window.", TERM_INDENT],
  ["  —           no value yet (first sample, counter reset, or a dump without counters); never 0.", TERM_INDENT],
  [
    "  history     conn/s per poll, oldest left; a blank is a gap (no sample, reset, or the rule vanished).",
    TERM_INDENT,
  ],
  ["", 0],
  ["Markers (the verdict on this node; the number counts its problems)", 0],
  [`  ${STATUS_GLYPH.error}  error: connections fail on this node (refused, or sent to no endpoint)`, 5],
  [`  ${STATUS_GLYPH.warning}  warning: worth a look (stale rules, traffic dropped by policy, uneven load)`, 5],
  [`  ${STATUS_GLYPH.ok}  healthy (notes, if any, are in the detail)`, 5],
  ["", 0],
  ["Uneven load?", 0],
  [`  ${SKEW_HELP}`, 2],
  ["", 0],
  [
    "  The detail's load line tests the window's connection counts against the configured shares " +
      `(chi-square): skewed when p < ${SKEW_ALPHA}, within chance otherwise, and no verdict until enough ` +
      "connections have been counted, so a quiet service is never called skewed.",
    2,
  ],
];

const EVERYWHERE: readonly Mode[] = ["list", "tree", "detail", "help"];

/** Where a binding works, unless it works on every screen. */
function where(modes: readonly Mode[]): string {
  if (EVERYWHERE.every((m) => modes.includes(m))) return "";
  return `  (${modes.map((m) => MODE_NAMES[m]).join(", ")})`;
}

/** One line of help with a stable key. */
export interface HelpLine {
  readonly key: string;
  readonly text: string;
}

/** Lines of one entry wrapped to `width`, keyed by the entry and line number. */
function wrapped(key: string, text: string, width: number, hanging: number): HelpLine[] {
  return wrapText(text, width, hanging).map((line, n) => ({ key: n === 0 ? key : `${key}-${n}`, text: line }));
}

/** Prose wider than this is hard to read: wider terminals get lines this long. */
const MAX_LINE = 100;

/** One entry per keymap binding (keys, what it does, where), then the notes; wrapped to the terminal `width`. */
export function helpLines(terminalWidth: number): readonly HelpLine[] {
  const width = Math.min(terminalWidth, MAX_LINE);
  const keys = KEYMAP.flatMap((b) =>
    wrapped(b.id, `  ${b.label.padEnd(11)} ${b.description}${where(b.modes)}`, width, TERM_INDENT),
  );
  return [...keys, ...ABOUT.flatMap(([text, hanging], n) => wrapped(`about-${n}`, text, width, hanging))];
}
