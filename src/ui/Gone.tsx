// The detail screen when its service is no longer in the latest dump.

import { Text } from "ink";
import { sanitize } from "./sanitize.ts";

/** Says the selected service vanished (removed, renamed, or its rules were rewritten away). */
export function Gone({ name }: { readonly name: string | null }) {
  return (
    <Text wrap="truncate-end">
      {`${sanitize(name ?? "the selected service")} is not in the latest dump (removed or renamed) — Esc goes back`}
    </Text>
  );
}
