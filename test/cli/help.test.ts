// --help fits 80 columns on any terminal: commander would otherwise wrap to the width of the terminal it writes to.

import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIO } from "../../src/cli/io.ts";
import { main } from "../../src/cli.tsx";
import { VERSION } from "../../src/version.ts";

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  const s = new PassThrough();
  let text = "";
  s.on("data", (c: Buffer) => {
    text += c.toString("utf8");
  });
  return { stream: s as unknown as NodeJS.WriteStream, text: () => text };
}

async function run(argv: string[]): Promise<{ code: number; stdout: string }> {
  const out = sink();
  const err = sink();
  const io: CliIO = {
    stdout: out.stream,
    stderr: err.stream,
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    env: { COLUMNS: "200" },
  };
  const code = await main(argv, io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.text() };
}

// commander asks the process's own stdout for its width: make it a 200-column terminal while these tests run
const saved = Object.getOwnPropertyDescriptors(process.stdout);
beforeEach(() => {
  Object.defineProperty(process.stdout, "isTTY", { value: true, configurable: true });
  Object.defineProperty(process.stdout, "columns", { value: 200, configurable: true });
  process.env.COLUMNS = "200";
});
afterEach(() => {
  for (const key of ["isTTY", "columns"] as const) {
    const descriptor = saved[key];
    if (descriptor) Object.defineProperty(process.stdout, key, descriptor);
    else delete (process.stdout as unknown as Record<string, unknown>)[key];
  }
  delete process.env.COLUMNS;
});

describe("kube-nat-top --help", () => {
  it.each([[["--help"]], [["check", "--help"]], [["trace", "--help"]], [["diff", "--help"]]])(
    "%j keeps every line within 80 columns on a 200-column terminal",
    async (argv) => {
      const { code, stdout } = await run(argv);
      expect(code).toBe(0);
      const long = stdout.split("\n").filter((line) => [...line].length > 80);
      expect(long).toEqual([]);
      // long descriptions are wrapped, not cut: the help is long enough to need it
      expect(stdout.split("\n").length).toBeGreaterThan(5);
    },
  );

  it("lists the record and replay flags", async () => {
    const { stdout } = await run(["--help"]);
    for (const flag of ["--record <file>", "--replay <file>", "--speed <n>"]) expect(stdout).toContain(flag);
  });

  it("--version prints the version", async () => {
    const { code, stdout } = await run(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${VERSION}\n`);
  });
});
