// Which source to read: the one the flags name, or (no flag) this machine's iptables, falling back to the demo.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import {
  createDemoSource,
  createSource,
  type DumpRead,
  errorCode,
  errorMessage,
  hasKubeProxyRules,
  openRecorder,
  type Recorder,
  recordingSource,
  type Source,
  type SourceSpec,
} from "../source/index.ts";
import { VERSION } from "../version.ts";
import type { CliIO } from "./io.ts";
import type { CliOptions } from "./options.ts";

/** The source chosen, possibly with its first read already taken, or a fatal message. */
export type Chosen =
  | { readonly source: Source; readonly first: DumpRead | null; readonly note: string | null }
  | { readonly fatal: string };

/** The flags as a source spec. */
export function sourceSpec(options: CliOptions, io: CliIO): SourceSpec {
  return {
    file: options.file,
    watch: options.watch,
    exec: options.exec,
    shell: options.shell,
    ssh: options.ssh,
    sshOpt: options.sshOpt,
    minikube: options.minikube,
    demo: options.demo,
    replay: options.replay,
    speed: options.speed ?? 1,
    family: options.family,
    timeoutMs: options.timeout * 1000,
    stdin: io.stdin,
    env: io.env,
  };
}

/** True when a flag names the source (the local iptables included, with --local). */
export function sourceNamed(o: CliOptions): boolean {
  return (
    o.local ||
    o.demo ||
    o.file !== null ||
    o.exec !== null ||
    o.ssh !== null ||
    o.minikube !== null ||
    o.replay !== null
  );
}

const NODE_PATHS = ["/var/lib/kubelet", "/etc/kubernetes", "/var/lib/kube-proxy", "/var/lib/minikube"];

/** True when this machine looks like a Kubernetes node (kubelet state, or a kube-proxy/kubelet process). */
export function looksLikeNode(): boolean {
  if (NODE_PATHS.some((p) => existsSync(p))) return true;
  try {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
        if (comm === "kube-proxy" || comm === "kubelet") return true;
      } catch {
        // the process ended while we looked
      }
    }
  } catch {
    // no /proc: not Linux, so not a node we can read
  }
  return false;
}

async function firstRead(source: Source, timeoutMs: number): Promise<DumpRead> {
  return source.read(AbortSignal.timeout(timeoutMs));
}

/** With --record: the chosen source wrapped so every sample (the first one already taken too) is recorded. */
async function withRecording(chosen: Chosen, path: string | null): Promise<Chosen> {
  if (path === null || "fatal" in chosen) return chosen;
  let recorder: Recorder | null = null;
  try {
    recorder = openRecorder(path, `kube-nat-top ${VERSION}`);
    const first = chosen.first ? await recorder.record(chosen.first, chosen.source.label) : null;
    return { ...chosen, source: recordingSource(chosen.source, recorder), first };
  } catch (err) {
    recorder?.close();
    await chosen.source.close?.();
    return { fatal: errorMessage(err) };
  }
}

/**
 * Picks the source (wrapped to record it with --record). With no source flag it reads this machine's iptables once: kube-proxy's rules there → live;
 * none, or no iptables, or not root on a machine that is not a node → the demo, with a one-line note saying why.
 * Not root on a node → fatal (run with sudo).
 */
export async function chooseSource(options: CliOptions, io: CliIO): Promise<Chosen> {
  return withRecording(await pickSource(options, io), options.record);
}

async function pickSource(options: CliOptions, io: CliIO): Promise<Chosen> {
  const spec = sourceSpec(options, io);
  if (sourceNamed(options)) {
    try {
      return { source: createSource(spec), first: null, note: null };
    } catch (err) {
      return { fatal: errorMessage(err) };
    }
  }
  const local = createSource(spec);
  let why: string;
  try {
    const read = await firstRead(local, options.timeout * 1000);
    if (hasKubeProxyRules(read.text) || (read.text6 !== undefined && hasKubeProxyRules(read.text6))) {
      return { source: local, first: read, note: null };
    }
    why = "no kube-proxy rules in this machine's iptables";
  } catch (err) {
    const code = errorCode(err);
    if (code === "not-root" && looksLikeNode()) return { fatal: errorMessage(err) };
    why = code === "not-root" ? "not root, and this is not a Kubernetes node" : errorMessage(err);
  }
  await local.close?.();
  return { source: createDemoSource(), first: null, note: `${why}: showing the built-in demo (--demo)` };
}
