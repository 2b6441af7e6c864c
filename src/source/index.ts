// Sources of dumps (local, exec, ssh, minikube, file, demo), the poller, and the errors they raise.

import { createDemoSource } from "./demo.ts";
import { SourceError } from "./errors.ts";
import { createExecSource } from "./exec.ts";
import { createFileSource } from "./file.ts";
import { parseFamily } from "./iptables-source.ts";
import { createLocalSource } from "./local.ts";
import { createMinikubeSource } from "./minikube.ts";
import { createReplaySource } from "./replay.ts";
import { createSshSource } from "./ssh.ts";
import type { Source } from "./types.ts";

export { createDemoSource } from "./demo.ts";
export { demoDump } from "./demo-dump.ts";
export { hasKubeProxyRules } from "./dump-check.ts";
export { errorCode, errorMessage, isFatalAtStartup, ReadTimeout, SourceError, type SourceErrorCode } from "./errors.ts";
export { createExecSource } from "./exec.ts";
export { createFileSource } from "./file.ts";
export { createIptablesSource, type FamilyOption, parseFamily } from "./iptables-source.ts";
export { createLocalSource } from "./local.ts";
export { createMinikubeSource } from "./minikube.ts";
export { Poller, type PollerOptions, poll } from "./poller.ts";
export { openRecorder, type Recorder, recordingSource } from "./record.ts";
export type { RecordedSample } from "./recording-format.ts";
export { RecordingReader } from "./recording-reader.ts";
export { createReplaySource, type ReplayOptions } from "./replay.ts";
export { splitWords } from "./shell-words.ts";
export { createSshSource } from "./ssh.ts";
export type { DumpRead, PollEvent, Source } from "./types.ts";

/** Where to read from, as the flags say (at most one of file / exec / ssh / minikube / demo / replay; none = local). */
export interface SourceSpec {
  readonly file?: string | null;
  readonly watch?: boolean;
  readonly exec?: string | null;
  readonly shell?: boolean;
  readonly ssh?: string | null;
  readonly sshOpt?: readonly string[];
  /** A node name, or true for the default node. */
  readonly minikube?: string | true | null;
  readonly demo?: boolean;
  /** A recording to play back (`--replay`), at `speed` (default 1). */
  readonly replay?: string | null;
  readonly speed?: number;
  /** "4" (default), "6" or "both". */
  readonly family?: string | number;
  /** One command's timeout in milliseconds (default 10 000). */
  readonly timeoutMs?: number;
  readonly stdin?: NodeJS.ReadableStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The source the flags name; throws SourceError for contradictions or an unusable value (bad host, bad quotes). */
export function createSource(spec: SourceSpec): Source {
  const chosen =
    [spec.file, spec.exec, spec.ssh, spec.minikube, spec.replay].filter((v) => v != null).length + (spec.demo ? 1 : 0);
  if (chosen > 1)
    throw new SourceError("failed", "choose one source: --file, --exec, --ssh, --minikube, --demo or --replay");
  const family = parseFamily(spec.family);
  const common = {
    family,
    ...(spec.timeoutMs !== undefined ? { timeoutMs: spec.timeoutMs } : {}),
    ...(spec.env ? { env: spec.env } : {}),
  };
  if (spec.demo) return createDemoSource();
  if (spec.replay != null) return createReplaySource({ path: spec.replay, speed: spec.speed ?? 1 });
  if (spec.file != null) {
    return createFileSource({
      path: spec.file,
      watch: spec.watch ?? false,
      ...(spec.stdin ? { stdin: spec.stdin } : {}),
    });
  }
  if (spec.exec != null) return createExecSource({ command: spec.exec, shell: spec.shell ?? false, ...common });
  if (spec.ssh != null) return createSshSource({ host: spec.ssh, sshOptions: spec.sshOpt ?? [], ...common });
  if (spec.minikube != null) {
    return createMinikubeSource({ ...common, ...(typeof spec.minikube === "string" ? { node: spec.minikube } : {}) });
  }
  return createLocalSource(common);
}
