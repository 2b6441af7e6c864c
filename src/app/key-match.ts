// Matching key presses as Ink reports them against the keymap's key specs.

/** The key flags the table matches on (Ink's `Key` has these and more). */
export interface KeyPress {
  readonly upArrow: boolean;
  readonly downArrow: boolean;
  readonly pageUp: boolean;
  readonly pageDown: boolean;
  readonly home: boolean;
  readonly end: boolean;
  readonly return: boolean;
  readonly escape: boolean;
  readonly ctrl: boolean;
  readonly backspace: boolean;
  readonly delete: boolean;
}

export type NamedKey = Exclude<keyof KeyPress, "ctrl">;

/** One way to press a binding: a character (optionally with Ctrl), a named key, or any typed text. */
export type KeySpec =
  | { readonly input: string; readonly ctrl?: true }
  | { readonly key: NamedKey }
  | { readonly text: true };

const NAMED: readonly NamedKey[] = [
  "upArrow",
  "downArrow",
  "pageUp",
  "pageDown",
  "home",
  "end",
  "return",
  "escape",
  "backspace",
  "delete",
];

/** Whether a key press (as Ink reports it) matches one spec. */
export function matches(spec: KeySpec, input: string, key: KeyPress): boolean {
  if ("key" in spec) return key[spec.key];
  if ("text" in spec) return input.length > 0 && !key.ctrl && !NAMED.some((k) => key[k]);
  if (spec.ctrl === true) return key.ctrl && input === spec.input;
  return !key.ctrl && input === spec.input;
}

const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f]/;

/** No key flag set: a plain character. */
export const NO_KEY: KeyPress = {
  upArrow: false,
  downArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  backspace: false,
  delete: false,
};

/**
 * One key press per character of a run of typed text: Ink hands fast typing and pastes ("/web\r") to the input
 * handler as one string. Enter, Backspace and Ctrl-C inside the run become those keys; other controls are dropped.
 */
export function splitTyped(input: string, key: KeyPress): readonly { input: string; key: KeyPress }[] {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || NAMED.some((k) => key[k])) return [{ input, key }];
  return chars.flatMap((c) => {
    if (c === "\r" || c === "\n") return [{ input: "", key: { ...NO_KEY, return: true } }];
    if (c === "\u007f" || c === "\b") return [{ input: "", key: { ...NO_KEY, backspace: true } }];
    if (c === "\u0003") return [{ input: "c", key: { ...NO_KEY, ctrl: true } }];
    if (CONTROL_CHAR.test(c)) return [];
    return [{ input: c, key: NO_KEY }];
  });
}
