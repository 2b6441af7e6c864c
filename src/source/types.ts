// What a source of dumps yields and how the poller reports it. Sources do I/O; everything after them is pure.

/** One successful read of dump text. */
export interface DumpRead {
  /** Milliseconds since the epoch when the read finished. */
  readonly takenAt: number;
  readonly text: string;
  /** How long the read took, in milliseconds. */
  readonly durationMs: number;
  /** Notes to show in the header, e.g. "reading iptables-legacy: kube-proxy's rules are there". */
  readonly notes: readonly string[];
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
}

/** What the poller reports after each attempt. */
export type PollEvent =
  | { readonly kind: "sample"; readonly read: DumpRead }
  | { readonly kind: "error"; readonly at: number; readonly message: string; readonly durationMs: number };
