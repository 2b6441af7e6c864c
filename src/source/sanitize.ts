// Text from other programs is untrusted: strip terminal control sequences before it reaches a message.

const CONTROL =
  /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes escape sequences and control characters (keeps tabs and newlines). */
export function stripControl(text: string): string {
  return text.replace(CONTROL, "");
}

/** The last non-empty line of a command's stderr, cleaned and shortened, for one-line messages. */
export function lastLine(text: string, max = 200): string {
  const lines = stripControl(text)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const line = lines.at(-1) ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The first non-empty line, cleaned and shortened. */
export function firstLine(text: string, max = 80): string {
  const line = stripControl(text.slice(0, 4096))
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "");
  if (line === undefined) return "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
