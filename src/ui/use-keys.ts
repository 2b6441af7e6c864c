// Routes key presses through the keymap table.

import { type Key, useInput } from "ink";
import { useCallback, useRef } from "react";
import { type KeyPress, splitTyped } from "../app/key-match.ts";
import { findBinding, type KeyContext, modeOf } from "../app/keymap.ts";
import { type NavView, selectedIndex } from "../app/navigate.ts";
import type { Store } from "../app/store.ts";

/** Runs the binding each key press matches in the current mode. */
export function useKeys(store: Store, view: NavView, current: string | null, quit: () => void): void {
  const latest = useRef({ view, current, quit });
  latest.current = { view, current, quit };
  const dispatch = useCallback(
    (input: string, key: KeyPress) => {
      const state = store.getSnapshot();
      const binding = findBinding(modeOf(state.ui), input, key);
      if (!binding) return;
      const { view, quit } = latest.current;
      // keys that arrive together are handled before a redraw: take the selection from the store, not the last frame
      const current =
        view.kind === "select"
          ? (view.order[selectedIndex(view.order, state.ui.selected)] ?? null)
          : latest.current.current;
      const ctx: KeyContext = { store, state, view, current, quit };
      binding.run(ctx, input);
    },
    [store],
  );
  const onInput = useCallback(
    (input: string, key: Key) => {
      for (const press of splitTyped(input, key)) dispatch(press.input, press.key);
    },
    [dispatch],
  );
  useInput(onInput);
}
