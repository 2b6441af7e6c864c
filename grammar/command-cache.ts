// Reuses parsed command lines between polls: between two dumps of one node only the `[p:b]` prefixes change,
// so the text after them parses to the same Command. Entries unseen for two dumps are dropped.
import type { CommandResult } from "./command.ts";
import { parseCommand } from "./to-rules.ts";

interface Entry {
  readonly result: CommandResult;
  seen: number;
}

/** A cache of parseCommand results by line text; pass the same one to every parseDump of a poll loop. */
export class CommandCache {
  private readonly entries = new Map<string, Entry>();
  private dump = 0;

  /** The parse of a command line, from the cache when this or the previous dump had the same text. */
  parse(text: string): CommandResult {
    const entry = this.entries.get(text);
    if (entry !== undefined) {
      entry.seen = this.dump;
      return entry.result;
    }
    const result = parseCommand(text);
    this.entries.set(text, { result, seen: this.dump });
    return result;
  }

  /** Ends a dump: drops entries that neither this dump nor the one before used. */
  endDump(): void {
    for (const [text, entry] of this.entries) if (entry.seen < this.dump - 1) this.entries.delete(text);
    this.dump++;
  }

  /** Number of cached lines. */
  get size(): number {
    return this.entries.size;
  }
}
