// The one render helper for UI tests: the App in ink-testing-library at a fixed terminal size.

import { setTimeout as delay } from "node:timers/promises";
import { render } from "ink-testing-library";
import { createStore, type Store } from "../../../src/app/store.ts";
import { App } from "../../../src/ui/App.tsx";
import { guardInput } from "../../../src/ui/input-guard.ts";

/** The fixed clock of every test store: 2025-01-01T00:00:00Z. */
export const NOW = Date.UTC(2025, 0, 1);

// SGR (colour/bold/inverse) sequences Ink may emit for styling; everything else would come from the data
const SGR = /\u001b\[[0-9;]*m/g;

export interface Rendered {
  readonly store: Store;
  /** The last frame without styling sequences. */
  frame(): string;
  /** The last frame exactly as written. */
  raw(): string;
  /** Types keys one at a time, letting Ink process each. */
  press(...keys: string[]): Promise<void>;
  /** Changes the terminal size and emits "resize". */
  resize(columns: number, rows: number): Promise<void>;
  /** How often onQuit was called. */
  quits(): number;
  unmount(): void;
}

export interface RenderOptions {
  readonly columns: 80 | 200 | number;
  readonly rows?: number;
  readonly store?: Store;
  readonly noColor?: boolean;
}

/** A store with the fixed clock, labelled like the demo source. */
export function testStore(): Store {
  return createStore({ source: "demo", intervalSec: 2, now: () => NOW });
}

/** Renders the App at `columns` × `rows` (default 24) and waits for the first frame at that size. */
export async function renderApp({
  columns,
  rows = 24,
  store = testStore(),
  noColor = true,
}: RenderOptions): Promise<Rendered> {
  let quits = 0;
  const r = render(<App store={store} onQuit={() => quits++} noColor={noColor} />);
  // as runApp does: keep input sequences Ink would crash on or type as text away from it
  guardInput(r.stdin as unknown as NodeJS.ReadStream);
  const setSize = (c: number, h: number): void => {
    Object.defineProperty(r.stdout, "columns", { value: c, configurable: true });
    Object.defineProperty(r.stdout, "rows", { value: h, configurable: true });
    r.stdout.emit("resize");
  };
  const raw = (): string => r.lastFrame() ?? "";
  /** Waits (up to a second, for loaded machines) until a frame at the new size is drawn: the App fills rows - 1. */
  const fitted = async (c: number, h: number): Promise<void> => {
    const fits = () => {
      const lines = raw().replace(SGR, "").split("\n");
      return lines.length === h - 1 && lines.every((l) => [...l].length <= c);
    };
    for (let i = 0; i < 100 && !fits(); i++) await delay(10);
  };
  setSize(columns, rows);
  await fitted(columns, rows);
  return {
    store,
    raw,
    frame: () => raw().replace(SGR, ""),
    async press(...keys) {
      for (const k of keys) {
        r.stdin.write(k);
        await delay(20);
      }
    },
    async resize(c, h) {
      setSize(c, h);
      await fitted(c, h);
    },
    quits: () => quits,
    unmount: () => r.unmount(),
  };
}

/** Key sequences as a terminal sends them. */
export const KEY = {
  enter: "\r",
  escape: "\u001b",
  up: "\u001b[A",
  down: "\u001b[B",
  pageUp: "\u001b[5~",
  pageDown: "\u001b[6~",
  home: "\u001b[H",
  end: "\u001b[F",
  backspace: "\u007f",
  ctrlC: "\u0003",
} as const;
