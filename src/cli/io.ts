// The streams the CLI writes to, passed in so tests can capture them.

export interface CliIO {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly env: NodeJS.ProcessEnv;
}

/** The process's own streams and environment. */
export function processIO(): CliIO {
  quietOnClosedPipe(process.stdout);
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

let quieted = false;

// `kube-nat-top --once | head`: a reader that stops reading closes the pipe, and the next write fails with EPIPE.
// That is the reader's choice, not an error: the rest of the output is dropped and the command ends with its own
// exit code (without this Node reports an unhandled 'error' event with a stack trace).
function quietOnClosedPipe(stdout: NodeJS.WriteStream): void {
  if (quieted) return;
  quieted = true;
  stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
  });
}
