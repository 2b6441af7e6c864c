// Source failures as values the CLI and UI can act on: a code to branch on, a message fit to show the user.

/**
 * - not-root: reading iptables needs root (or passwordless sudo on a remote node)
 * - missing-binary: a command is not installed (the message names it)
 * - timeout: a read took longer than allowed
 * - failed: a command exited non-zero or a file could not be read
 * - garbage: the output is not a rule dump
 * - cancelled: the caller aborted the read (shutdown); not worth showing
 */
export type SourceErrorCode = "not-root" | "missing-binary" | "timeout" | "failed" | "garbage" | "cancelled";

/** An error from a source whose message is a sentence for the user. */
export class SourceError extends Error {
  override readonly name = "SourceError";

  constructor(
    readonly code: SourceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The abort reason the poller uses when a read takes too long; commands report it as a timeout. */
export class ReadTimeout extends Error {
  override readonly name = "TimeoutError";

  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000}s`);
  }
}

/** True when an error means the program cannot work at all and should exit at startup (not root, no binary). */
export function isFatalAtStartup(err: unknown): boolean {
  return err instanceof SourceError && (err.code === "not-root" || err.code === "missing-binary");
}

/** The error's code when it is a SourceError, else "failed". */
export function errorCode(err: unknown): SourceErrorCode {
  return err instanceof SourceError ? err.code : "failed";
}

/** A message fit to show for any error a source may throw. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
