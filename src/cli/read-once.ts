// Reads one dump from whichever source the flags name: for one-shot output, check and trace.

import { readFile } from "node:fs/promises";
import { errorMessage } from "../source/index.ts";
import { chooseSource } from "./choose-source.ts";
import type { CliIO } from "./io.ts";
import type { CliOptions } from "./options.ts";

export type OnceResult = { readonly text: string; readonly text6?: string } | { readonly error: string };

/** Reads all of a stream as UTF-8 (invalid bytes become U+FFFD; the grammar reports them). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** A file-read error as a sentence. */
export function readError(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `cannot read ${path}: no such file`;
  if (code === "EACCES") return `cannot read ${path}: permission denied`;
  if (code === "EISDIR") return `cannot read ${path}: it is a directory`;
  return `cannot read ${path}: ${(err as Error).message}`;
}

/** Reads a file path, or stdin for `-`, as it is: whatever it holds goes to the grammar, which reports it. */
export async function readFileOrStdin(path: string, io: CliIO): Promise<OnceResult> {
  try {
    return { text: path === "-" ? await readAll(io.stdin) : await readFile(path, "utf8") };
  } catch (err) {
    return { error: readError(path, err) };
  }
}

/** Reads one dump from the source the options name (no flag: this machine, else the demo, with a note). */
export async function readOnce(options: CliOptions, io: CliIO): Promise<OnceResult> {
  if (options.file !== null && !options.watch && options.record === null) return readFileOrStdin(options.file, io);
  const chosen = await chooseSource(options, io);
  if ("fatal" in chosen) return { error: chosen.fatal };
  if (chosen.note) io.stderr.write(`kube-nat-top: ${chosen.note}\n`);
  if (chosen.first) return withFamilies(chosen.first);
  try {
    return withFamilies(await chosen.source.read(AbortSignal.timeout(options.timeout * 1000)));
  } catch (err) {
    return { error: errorMessage(err) };
  } finally {
    await chosen.source.close?.();
  }
}

function withFamilies(read: { text: string; text6?: string }): OnceResult {
  return read.text6 === undefined ? { text: read.text } : { text: read.text, text6: read.text6 };
}
