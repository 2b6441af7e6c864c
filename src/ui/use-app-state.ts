// Subscribes a component to the store.

import { useSyncExternalStore } from "react";
import type { AppState } from "../app/state.ts";
import type { Store } from "../app/store.ts";

/** The store's current state; re-renders on every change. */
export function useAppState(store: Store): AppState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
