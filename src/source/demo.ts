// `--demo`: a moving cluster that needs no root and no node. The text is a pure function of elapsed time.

import { demoDump } from "./demo-dump.ts";
import { SourceError } from "./errors.ts";
import type { DumpRead, Source } from "./types.ts";

export interface DemoSourceOptions {
  readonly now?: () => number;
}

/** A source whose counters move from the first read on (kube-dns, hello-world, a NodePort service, one without pods). */
export function createDemoSource(options: DemoSourceOptions = {}): Source {
  const now = options.now ?? Date.now;
  let startedAt: number | null = null;
  async function read(signal: AbortSignal): Promise<DumpRead> {
    if (signal.aborted) throw new SourceError("cancelled", "demo read was cancelled");
    const takenAt = now();
    startedAt ??= takenAt;
    const text = demoDump(takenAt - startedAt, takenAt);
    return { takenAt, durationMs: 0, text, notes: ["demo: a made-up cluster, not this machine"] };
  }
  return { label: "demo", read };
}
