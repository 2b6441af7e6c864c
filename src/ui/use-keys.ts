// Routes key presses through the keymap table.

import { type Key, useInput } from "ink";
import { useCallback, useRef } from "react";
import { findBinding, type KeyContext, modeOf } from "../app/keymap.ts";
import type { NavView } from "../app/navigate.ts";
import type { Store } from "../app/store.ts";

/** Runs the binding each key press matches in the current mode. */
export function useKeys(store: Store, view: NavView, current: string | null, quit: () => void): void {
  const latest = useRef({ view, current, quit });
  latest.current = { view, current, quit };
  const onInput = useCallback(
    (input: string, key: Key) => {
      const state = store.getSnapshot();
      const binding = findBinding(modeOf(state.ui), input, key);
      if (!binding) return;
      const ctx: KeyContext = { store, state, ...latest.current };
      binding.run(ctx, input);
    },
    [store],
  );
  useInput(onInput);
}
