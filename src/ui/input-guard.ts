// Drops terminal input sequences the live view has no use for before Ink parses them. Ink 6 crashes on some
// (Ctrl+F1 and other Ctrl-modified CSI keys: ink#901) and types others as text (focus and mouse reports: ink#1013).

const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// arrows, Home/End (with modifiers), and the ~ keys Insert/Delete/Home/End/PageUp/PageDown
const KEPT = /^\u001b\[(?:(?:1;\d+)?[ABCDHF]|[1-8](?:;\d+)?~)$/;

/** `chunk` without the CSI sequences that are not movement or editing keys. */
export function dropUnusedSequences(chunk: string): string {
  if (!chunk.includes("\u001b[")) return chunk;
  return chunk.replace(CSI, (seq) => (KEPT.test(seq) ? seq : ""));
}

/** Filters what `stdin.read()` returns through dropUnusedSequences; returns a function that undoes it. */
export function guardInput(stdin: NodeJS.ReadStream): () => void {
  const read = stdin.read;
  const guarded = (...args: Parameters<NodeJS.ReadStream["read"]>) => {
    const chunk: unknown = read.apply(stdin, args);
    if (chunk === null || chunk === undefined) return chunk;
    const text = typeof chunk === "string" ? chunk : String(chunk);
    // an empty string (everything dropped) keeps Ink's read loop going; null would end it early
    return dropUnusedSequences(text);
  };
  stdin.read = guarded as NodeJS.ReadStream["read"];
  return () => {
    stdin.read = read;
  };
}
