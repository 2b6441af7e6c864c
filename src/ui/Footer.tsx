// The footer: key hints from the keymap, or the filter being typed.

import { Text } from "ink";
import { hintsFor, type Mode } from "../app/keymap.ts";
import { sanitize } from "./sanitize.ts";
import { colorOf, useTheme } from "./theme.ts";

export interface FooterProps {
  readonly mode: Mode;
  readonly draft: string;
}

/** Draws one line of hints (or the filter prompt). */
export function Footer({ mode, draft }: FooterProps) {
  const theme = useTheme();
  const hints = hintsFor(mode).join("  ");
  if (mode === "filter") {
    return (
      <Text wrap="truncate-end">
        <Text color={colorOf(theme, "accent")}>{"/"}</Text>
        {`${sanitize(draft)}█  `}
        <Text dimColor>{hints}</Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" dimColor>
      {hints}
    </Text>
  );
}
