// What a source of dumps yields and how the poller reports it. Sources do I/O; everything after them is pure.

/** One successful read of dump text. */
export interface DumpRead {
  /** Milliseconds since the epoch: when the read finished (command sources: when the command started). */
  readonly takenAt: number;
  readonly text: string;
  /** How long the read took, in milliseconds. */
  readonly durationMs: number;
  /** Notes to show in the header, e.g. "reading iptables-legacy: kube-proxy's rules are there". */
  readonly notes: readonly string[];
  /** The IP family of `text`: absent means IPv4 (or unknown, for files and commands); 6 with `--family 6`. */
  readonly family?: 4 | 6;
  /** With `--family both`: the ip6tables-save dump, read right after `text` (IPv4). Parse it separately. */
  readonly text6?: string;
}

/** Where dumps come from: a local command, ssh, minikube, a file, the demo. */
export interface Source {
  /** Shown in the header: "local (iptables-save -c)", "ssh node-1", "demo". */
  readonly label: string;
  /** Reads one dump; rejects with an Error whose message is fit to show the user. */
  read(signal: AbortSignal): Promise<DumpRead>;
  /** True when the source can give only one dump (stdin). */
  readonly once?: boolean;
  /** Releases connections (ssh ControlMaster) and temp files. */
  close?(): Promise<void>;
  /**
   * A source with its own pace (a replay): milliseconds from the start of the read that just returned to the start
   * of the next, which the poller then uses instead of its interval; null when it has no next sample.
   */
  nextDelayMs?(): number | null;
  /** True once the source has given its last sample (a replay at its end): the poller stops after it. */
  ended?(): boolean;
  /** The clock its samples' takenAt run on, when that is not the wall clock (a replay: the recorded time now). */
  now?(): number;
}

/** What the poller reports after each attempt. */
export type PollEvent =
  | { readonly kind: "sample"; readonly read: DumpRead }
  | {
      readonly kind: "error";
      readonly at: number;
      readonly message: string;
      readonly durationMs: number;
      /** What went wrong, when the source said (see SourceErrorCode in errors.ts): "not-root", "timeout", … */
      readonly code?: string;
    };
