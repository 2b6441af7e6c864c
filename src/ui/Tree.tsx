// The tree view: every service's chains and endpoints; only the lines in the window are built and drawn.

import { Box, Text } from "ink";
import type { VisibleTreeLine } from "./tree-index.ts";

export interface TreeProps {
  /** The lines in the window. */
  readonly lines: readonly VisibleTreeLine[];
  /** Services in the tree (after filtering). */
  readonly count: number;
  readonly selectedIndex: number;
}

/** Lines the tree uses above its content (the title). */
export const TREE_CHROME = 1;

/** Draws the tree lines in the window; the selected service's lines are marked. */
export function Tree({ lines, count, selectedIndex }: TreeProps) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>
        {`Tree · ${count} services · service → chains → endpoints (cfg = configured share, obs = observed)`}
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
