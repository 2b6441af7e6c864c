// Reads a recording (format in recording-format.ts) one sample at a time: only the member being read is in memory.

import { type FileHandle, open } from "node:fs/promises";
import { decodeSample, HEAD_BYTES, memberSize, type RecordedSample } from "./recording-format.ts";

/** Reads samples in order; after next() gives null, `problem` says why the file ended early (null: it did not). */
export class RecordingReader {
  private handle: FileHandle | null = null;
  private position = 0;
  private count = 0;
  private done = false;
  private why: string | null = null;
  private fileSize = 0;

  constructor(readonly path: string) {}

  /** Complete samples read so far. */
  get samples(): number {
    return this.count;
  }

  /** Why reading stopped before the end of the file: the last sample was cut off, or the file is damaged. */
  get problem(): string | null {
    return this.why;
  }

  /** The next complete sample, or null at the end (see `problem`). Throws only when the file cannot be opened. */
  async next(): Promise<RecordedSample | null> {
    if (this.done) return null;
    if (this.handle === null) {
      this.handle = await open(this.path, "r");
      this.fileSize = (await this.handle.stat()).size;
    }
    const head = await this.readAt(this.position, HEAD_BYTES);
    if (head.length === 0) return this.finish(this.position === 0 ? "the recording is empty" : null);
    const size = memberSize(head);
    if (size === null || size < HEAD_BYTES) {
      if (head.length < HEAD_BYTES && head[0] === 0x1f && (head.length < 2 || head[1] === 0x8b))
        return this.finish(this.cutNote());
      return this.finish(
        this.position === 0
          ? "not a kube-nat-top recording (a dump is read with --file)"
          : `the recording is damaged after sample ${this.count} (byte ${this.position}): the rest is skipped`,
      );
    }
    // a member longer than what is left was cut short (checked before reading, so a bad length allocates nothing)
    if (this.position + size > this.fileSize) return this.finish(this.cutNote());
    const member = head.length < size ? await this.readAt(this.position, size) : head.subarray(0, size);
    if (member.length < size) return this.finish(this.cutNote());
    let sample: RecordedSample;
    try {
      sample = decodeSample(member);
    } catch (err) {
      const what = (err as Error).message;
      return this.finish(
        `sample ${this.count + 1} of the recording is unreadable (${what}): it and the rest are skipped`,
      );
    }
    this.position += size;
    this.count++;
    return sample;
  }

  /** Yields every complete sample, then closes the file. */
  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedSample> {
    try {
      for (let s = await this.next(); s !== null; s = await this.next()) yield s;
    } finally {
      await this.close();
    }
  }

  /** Closes the file (next() then gives null). */
  async close(): Promise<void> {
    this.done = true;
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private cutNote(): string {
    return `the recording ends in the middle of sample ${this.count + 1} (cut off while it was written?): ${this.count} complete sample${this.count === 1 ? "" : "s"}`;
  }

  private async finish(problem: string | null): Promise<null> {
    this.why = problem;
    await this.close();
    return null;
  }

  private async readAt(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.handle!.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }
}
