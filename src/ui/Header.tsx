// The header: source, backend, era, counts, interval, last poll, the dump's verdict when not ok, last error, PAUSED.

import { Box, Text } from "ink";
import { useMemo } from "react";
import type { AppState } from "../app/state.ts";
import type { Verdict } from "../verdict/index.ts";
import { formatAge, formatCount, formatDuration, formatInterval } from "./format.ts";
import { sanitize } from "./sanitize.ts";
import { colorOf, useTheme } from "./theme.ts";
import { useTick } from "./use-tick.ts";
import { dumpLine, STATUS_TONE } from "./verdict-text.ts";

export interface HeaderProps {
  readonly state: AppState;
  /** The store's clock. */
  readonly now: () => number;
  /** The verdict on the dump as a whole; null before the first sample. */
  readonly dump: Verdict | null;
}

/** Lines the header takes: three, and one more while the dump's verdict is not ok. */
export function headerHeight(dump: Verdict | null): number {
  return dumpLine(dump) === null ? 3 : 4;
}

/** Draws the header lines. */
export function Header({ state, now, dump }: HeaderProps) {
  useTick(1000);
  const theme = useTheme();
  const topology = state.shown?.topology ?? null;
  const endpoints = useMemo(() => topology?.services.reduce((n, s) => n + s.endpoints.length, 0) ?? 0, [topology]);
  const t = now();
  const verdictLine = dumpLine(dump);
  const first = ["kube-nat-top", sanitize(state.source)];
  if (topology) {
    first.push(topology.input.backend ?? "backend unknown");
    first.push(`kube-proxy ${sanitize(topology.era ?? "era unknown")}`);
  }
  const counts = topology
    ? [
        `${formatCount(topology.services.length)} services`,
        `${formatCount(endpoints)} endpoints`,
        `${formatCount(topology.input.rules)} rules`,
      ]
    : [];
  counts.push(`every ${formatInterval(state.intervalSec)}`);
  if (state.lastPoll) {
    counts.push(`poll ${formatDuration(state.lastPoll.durationMs)}, ${formatAge(t - state.lastPoll.at)} ago`);
  }
  const failing = state.error !== null && (state.lastPoll === null || state.error.at >= state.lastPoll.at);
  const notes = [...state.notes];
  const unparsed = topology?.diagnostics.length ?? 0;
  if (unparsed > 0) notes.push(unparsedNote(topology?.diagnostics ?? []));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{first[0]}</Text>
        {` · ${first.slice(1).join(" · ")}`}
      </Text>
      <Text wrap="truncate-end">
        {state.paused ? (
          <Text inverse bold color={colorOf(theme, "paused")}>
            {state.pending ? " PAUSED · new data waiting " : " PAUSED "}
          </Text>
        ) : null}
        {state.paused ? " " : ""}
        {counts.join(" · ")}
      </Text>
      {dump && verdictLine !== null ? (
        <Text wrap="truncate-end" bold color={colorOf(theme, STATUS_TONE[dump.status])}>
          {verdictLine}
        </Text>
      ) : null}
      {failing && state.error ? (
        <Text wrap="truncate-end" color={colorOf(theme, "error")}>
          {`✖ poll failed ${formatAge(t - state.error.at)} ago: ${sanitize(state.error.message)}`}
        </Text>
      ) : (
        <Text wrap="truncate-end" dimColor>
          {notes.length ? sanitize(notes.join(" · ")) : " "}
        </Text>
      )}
    </Box>
  );
}

/** "3 input lines not understood (lines 1, 4, 9 …)": the numbers let a user find them in the paste. */
export function unparsedNote(diagnostics: readonly { readonly line: number }[]): string {
  const lines = [...new Set(diagnostics.map((d) => d.line))];
  const shown = lines.slice(0, 8).join(", ");
  const more = lines.length > 8 ? " …; --output json lists all" : "";
  const n = diagnostics.length;
  return `${n} input line${n === 1 ? "" : "s"} not understood (line${lines.length === 1 ? "" : "s"} ${shown}${more})`;
}
