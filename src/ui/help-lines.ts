// The help screen's text: every keymap entry, then what the numbers mean.

import { KEYMAP, type Mode } from "../app/keymap.ts";
import { SEVERITY_GLYPH } from "./format.ts";

const MODE_NAMES: Record<Mode, string> = {
  list: "list",
  tree: "tree",
  detail: "detail",
  help: "help",
  filter: "typing a filter",
};

const ABOUT: readonly string[] = [
  "",
  "What the numbers mean",
  "  conn/s      new connections per second: nat rules see only a connection's first packet.",
  "  configured  the share of new connections kube-proxy's probabilities give an endpoint.",
  "  observed    the share it actually got over the recent window.",
  "  —           no value yet (first sample, counter reset, or a dump without counters); never 0.",
  "  history     conn/s per poll, oldest left; a blank is a gap (no sample, reset, or the rule vanished).",
  "  iptables balances connections, not requests: long-lived connections (HTTP/2, gRPC,",
  "  keep-alive pools) can pin load to a few pods even when the configured shares are equal.",
  "",
  `Markers  ${SEVERITY_GLYPH.error} error  ${SEVERITY_GLYPH.warning} warning  ${SEVERITY_GLYPH.info} info (count of findings)`,
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

/** One line per keymap entry (keys, what it does, where), then the notes. */
export function helpLines(): readonly HelpLine[] {
  const keys = KEYMAP.map((b) => ({
    key: b.id,
    text: `  ${b.label.padEnd(11)} ${b.description}${where(b.modes)}`,
  }));
  return [...keys, ...ABOUT.map((text, n) => ({ key: `about-${n}`, text }))];
}
