import { afterEach, describe, expect, it } from "vitest";
import { SourceError } from "../../src/source/errors.ts";
import { createExecSource } from "../../src/source/exec.ts";
import { type FakeBin, fakeBin } from "./fake-bin.ts";

const signal = new AbortController().signal;
let bins: FakeBin[] = [];
afterEach(() => {
  for (const b of bins) b.remove();
  bins = [];
});
function bin(): FakeBin {
  const b = fakeBin({});
  bins.push(b);
  return b;
}

describe("exec source", () => {
  it("splits the command into argv and runs it without a shell", async () => {
    const b = bin();
    const source = createExecSource({ command: `rising-counters -t nat "two words" | cat`, env: b.env });
    const read = await source.read(signal);
    expect(read.text).toContain("-A KUBE-SERVICES");
    // the pipe reached the command as a word: no shell was involved
    expect(b.calls()).toEqual(["rising-counters -t nat two words | cat"]);
    expect(source.label).toBe(`exec: rising-counters -t nat "two words" | cat`);
  });

  it("with shell it runs through sh on purpose", async () => {
    const b = bin();
    const source = createExecSource({ command: "rising-counters -c | cat", shell: true, env: b.env });
    const read = await source.read(signal);
    expect(read.text).toContain("-A KUBE-SERVICES");
    expect(b.calls()).toEqual(["rising-counters -c"]);
  });

  it("a failing command's stderr is the message", async () => {
    const b = bin();
    const err = await createExecSource({ command: "fail", env: b.env })
      .read(signal)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toMatch(/^fail failed \(exit 1\): iptables-save v1\.8\.9/);
  });

  it("a command that is not there is named", async () => {
    const b = bin();
    const err = await createExecSource({ command: "no-such-tool --x", env: b.env })
      .read(signal)
      .catch((e) => e);
    expect(err).toMatchObject({
      code: "missing-binary",
      message: "no-such-tool not found: is it installed and on PATH?",
    });
  });

  it("an empty command or bad quoting is refused up front", () => {
    expect(() => createExecSource({ command: "   " })).toThrow(/needs a command/);
    expect(() => createExecSource({ command: `cat "x` })).toThrow(/unbalanced/);
  });
});
