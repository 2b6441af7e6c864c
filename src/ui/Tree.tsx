// The tree view: every service's chains and endpoints, drawn only for the lines that fit.

import { Box, Text } from "ink";
import type { ServiceRow } from "../app/service-order.ts";
import { visibleTreeLines } from "./tree-index.ts";

export interface TreeProps {
  readonly rows: readonly ServiceRow[];
  readonly offsets: readonly number[];
  readonly selectedIndex: number;
  readonly start: number;
  readonly page: number;
}

/** Lines the tree uses above its content (the title). */
export const TREE_CHROME = 1;

/** Draws the visible slice of the tree; the selected service's lines are marked. */
export function Tree({ rows, offsets, selectedIndex, start, page }: TreeProps) {
  const lines = visibleTreeLines(rows, offsets, start, page);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>
        {`Tree · ${rows.length} services · service → chains → endpoints (cfg = configured share, obs = observed)`}
      </Text>
      {lines.map(({ line, row }) => {
        const selected = row === selectedIndex;
        return (
          <Text key={line.key} wrap="truncate-end" bold={line.head} inverse={selected && line.head}>
            {selected ? "›" : " "}
            {` ${line.prefix}${line.text}`}
            {line.detail ? <Text dimColor={!line.head}>{`  ${line.detail}`}</Text> : null}
          </Text>
        );
      })}
    </Box>
  );
}
