// The help screen, generated from the keymap.

import { Box, Text } from "ink";
import type { HelpLine } from "./help-lines.ts";

export interface HelpProps {
  readonly lines: readonly HelpLine[];
  readonly start: number;
  readonly page: number;
}

/** Lines the help screen uses above its content. */
export const HELP_CHROME = 1;

/** Draws the visible part of the help text. */
export function Help({ lines, start, page }: HelpProps) {
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        Keys (Esc or ? closes this help)
      </Text>
      {lines.slice(start, start + page).map(({ key, text }) => (
        <Text key={key} wrap="truncate-end" bold={text !== "" && !text.startsWith(" ")}>
          {text || " "}
        </Text>
      ))}
    </Box>
  );
}
