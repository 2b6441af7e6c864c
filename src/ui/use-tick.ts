// Re-renders the calling component every `ms` milliseconds (for ages like "3s ago").

import { useEffect, useReducer } from "react";

/** Forces a re-render of the caller every `ms` milliseconds. */
export function useTick(ms: number): void {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const timer = setInterval(tick, ms);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [ms]);
}
