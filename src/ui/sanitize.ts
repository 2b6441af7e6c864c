// Makes text taken from a dump safe to draw: no terminal escape sequences, no control characters.

const ST = "(?:\\u0007|\\u001b\\\\|\\u009c|$)";
const ESCAPE_SEQUENCES = new RegExp(
  [
    `\\u001b\\][^\\u0007\\u001b\\u009c]*${ST}`, // OSC … BEL/ST (titles, hyperlinks, clipboard)
    `\\u001b[PX^_][^\\u001b\\u009c]*${ST}`, // DCS, SOS, PM, APC … ST
    "\\u001b\\[[0-?]*[ -/]*[@-~]?", // CSI (colours, cursor moves, erases)
    `\\u009d[^\\u0007\\u001b\\u009c]*${ST}`, // 8-bit OSC
    `[\\u0090\\u0098\\u009e\\u009f][^\\u001b\\u009c]*${ST}`, // 8-bit DCS, SOS, PM, APC
    "\\u009b[0-?]*[ -/]*[@-~]?", // 8-bit CSI
    "\\u001b[ -/]*[0-~]?", // any other ESC sequence (charset switches, resets)
  ].join("|"),
  "g",
);
const WHITESPACE_CONTROLS = /[\t\n\v\f\r]/g;
// C0, DEL, C1, and the bidirectional overrides that can make text read differently than it is
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Strips terminal control sequences and control characters from untrusted text; tabs and newlines become spaces. */
export function sanitize(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCES, "").replace(WHITESPACE_CONTROLS, " ").replace(CONTROLS, "");
}
