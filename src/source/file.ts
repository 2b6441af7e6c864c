// `--file PATH` (once, or `watch`: re-read when the file changes) and `--file -` (stdin, once).

import { readFile, stat } from "node:fs/promises";
import { checkDump } from "./dump-check.ts";
import { SourceError } from "./errors.ts";
import type { DumpRead, Source } from "./types.ts";

export interface FileSourceOptions {
  /** A path, or `-` for stdin. */
  readonly path: string;
  /** Keep polling; the file is read again only when its size, mtime or inode changed. */
  readonly watch?: boolean;
  /** Where `-` reads from; default process.stdin. */
  readonly stdin?: NodeJS.ReadableStream;
  readonly now?: () => number;
}

/** A source over a file or stdin. Without `watch` it is `once`: one dump, then the poller stops. */
export function createFileSource(options: FileSourceOptions): Source {
  const now = options.now ?? Date.now;
  const { path } = options;
  if (path === "-") return stdinSource(options.stdin ?? process.stdin, now);
  let last: { key: string; text: string } | null = null;

  async function read(signal: AbortSignal): Promise<DumpRead> {
    const started = now();
    if (signal.aborted) throw new SourceError("cancelled", `reading ${path} was cancelled`);
    let text: string;
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      const key = `${info.size}:${info.mtimeMs}:${info.ino}`;
      if (last?.key === key) {
        text = last.text; // unchanged: the same text, cheaply
      } else {
        text = checkDump(await readFile(path, { encoding: "utf8", signal }), path);
        last = { key, text };
      }
    } catch (err) {
      throw fileError(path, err);
    }
    const takenAt = now();
    return { takenAt, durationMs: Math.max(0, takenAt - started), text, notes: [] };
  }

  return { label: options.watch ? `file ${path} (watching)` : `file ${path}`, read, once: !options.watch };
}

function stdinSource(stream: NodeJS.ReadableStream, now: () => number): Source {
  let text: Promise<string> | null = null;
  async function read(): Promise<DumpRead> {
    const started = now();
    // stdin can be read once: later reads give the same dump
    text ??= readAll(stream).then((t) => checkDump(t, "stdin"));
    const value = await text;
    const takenAt = now();
    return { takenAt, durationMs: Math.max(0, takenAt - started), text: value, notes: [] };
  }
  return { label: "stdin", read, once: true };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

function fileError(path: string, err: unknown): SourceError {
  if (err instanceof SourceError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ABORT_ERR") return new SourceError("cancelled", `reading ${path} was cancelled`);
  if (code === "ENOENT") return new SourceError("failed", `cannot read ${path}: no such file`);
  if (code === "EACCES") return new SourceError("failed", `cannot read ${path}: permission denied`);
  if (code === "EISDIR") return new SourceError("failed", `cannot read ${path}: it is a directory`);
  return new SourceError("failed", `cannot read ${path}: ${(err as Error).message}`);
}
