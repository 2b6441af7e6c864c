// Colours by meaning, switched off entirely under NO_COLOR.

import { createContext, useContext } from "react";

export type Tone = "error" | "warning" | "info" | "accent" | "good" | "paused";

const COLORS: Record<Tone, string> = {
  error: "red",
  warning: "yellow",
  info: "cyan",
  accent: "cyan",
  good: "green",
  paused: "yellow",
};

export interface Theme {
  /** False under NO_COLOR: no colour is drawn (bold, dim and inverse still are). */
  readonly color: boolean;
}

export const ThemeContext = createContext<Theme>({ color: true });

/** The theme of the surrounding App. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** The colour for a tone, or undefined (terminal default) without colours or tone. */
export function colorOf(theme: Theme, tone: Tone | undefined): string | undefined {
  return theme.color && tone ? COLORS[tone] : undefined;
}

/** Whether NO_COLOR asks for no colours (set and non-empty). */
export function noColorRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env["NO_COLOR"] ?? "") !== "";
}
