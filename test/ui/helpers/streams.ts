// Stand-in terminal streams for runApp: a stdout that records writes and a TTY-like stdin tests type into.

import { EventEmitter } from "node:events";

/** Records everything written; reports a fixed size. */
export class RecordingStdout extends EventEmitter {
  readonly writes: string[] = [];
  readonly isTTY = true;
  columns = 80;
  rows = 24;
  write = (data: string | Uint8Array): boolean => {
    this.writes.push(typeof data === "string" ? data : Buffer.from(data).toString("utf8"));
    return true;
  };
  /** Everything written so far, in order. */
  text(): string {
    return this.writes.join("");
  }
}

/** A raw-mode-capable stdin whose `type` delivers one key the way a terminal does. */
export class TypingStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  type(data: string): void {
    this.pending = data;
    this.emit("readable");
  }
  read = (): string | null => {
    const d = this.pending;
    this.pending = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}
