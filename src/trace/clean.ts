// Dump text is untrusted: strip terminal control sequences before printing rules or comments.

const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** The text with ANSI/OSC escape sequences removed and other control characters shown as `?`. */
export function clean(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "?");
}
