import { afterEach, describe, expect, it } from "vitest";
import { isFatalAtStartup, SourceError } from "../../src/source/errors.ts";
import { createLocalSource } from "../../src/source/local.ts";
import { type Fake, type FakeBin, fakeBin } from "./fake-bin.ts";

const signal = new AbortController().signal;
let bins: FakeBin[] = [];

function path(commands: Record<string, Fake>, extraEnv: Record<string, string> = {}): FakeBin {
  const bin = fakeBin(commands, extraEnv);
  bins.push(bin);
  return bin;
}

afterEach(() => {
  for (const bin of bins) bin.remove();
  bins = [];
});

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

const firstJump = (text: string) => Number(/^\[(\d+):\d+\] -A KUBE-SVC-\S+ .*--probability/m.exec(text)?.[1]);

describe("local source", () => {
  it("runs iptables-save -c once per read and returns its dump", async () => {
    const bin = path({ "iptables-save": "rising-counters" });
    let clock = 1000;
    const source = createLocalSource({ env: bin.env, now: () => (clock += 5) });
    const read = await source.read(signal);
    expect(read.text).toContain("-A KUBE-SVC-CDGGSHYLG3RE2FKL");
    expect(read.notes).toEqual([]);
    // dated when the command started (the counters are read then), not when its output was in
    expect(read.takenAt).toBe(1005);
    expect(read.durationMs).toBe(5);
    expect(bin.calls()).toEqual(["iptables-save -c"]);
    expect(source.label).toBe("local (iptables-save -c)");
  });

  it("sees counters rise from one read to the next", async () => {
    const bin = path({ "iptables-save": "rising-counters" });
    const source = createLocalSource({ env: bin.env });
    const a = firstJump((await source.read(signal)).text);
    const b = firstJump((await source.read(signal)).text);
    expect(b - a).toBe(10);
  });

  it("without root says to run with sudo, and the CLI can tell it is fatal", async () => {
    const bin = path({ "iptables-save": "not-root" });
    const err = await failure(createLocalSource({ env: bin.env }).read(signal));
    expect(err.code).toBe("not-root");
    expect(err.message).toMatch(/^run with sudo: reading iptables needs root/);
    expect(err.message).toContain("Permission denied (you must be root)");
    expect(isFatalAtStartup(err)).toBe(true);
  });

  it("a missing iptables-save is named", async () => {
    const bin = path({});
    const err = await failure(createLocalSource({ env: bin.env }).read(signal));
    expect(err.code).toBe("missing-binary");
    expect(err.message).toMatch(/^iptables-save not found/);
    expect(isFatalAtStartup(err)).toBe(true);
  });

  it("a failing command reports its exit code and stderr", async () => {
    const bin = path({ "iptables-save": "fail" });
    const err = await failure(createLocalSource({ env: bin.env }).read(signal));
    expect(err.code).toBe("failed");
    expect(err.message).toBe(
      "iptables-save failed (exit 1): iptables-save v1.8.9 (nf_tables): table `nat' is incompatible, use 'nft' tool.",
    );
    expect(isFatalAtStartup(err)).toBe(false);
  });

  it("garbage output is an error with the escape sequences stripped", async () => {
    const bin = path({ "iptables-save": "garbage" });
    const err = await failure(createLocalSource({ env: bin.env }).read(signal));
    expect(err.code).toBe("garbage");
    expect(err.message).toContain('"HTTP/1.1 502 Bad Gateway"');
    expect(err.message).not.toContain("\u001b");
  });

  it("a hanging command is ended by the timeout, children included", async () => {
    const bin = path({ "iptables-save": "hang" });
    const started = Date.now();
    const err = await failure(createLocalSource({ env: bin.env, timeoutMs: 300 }).read(signal));
    expect(err.code).toBe("timeout");
    expect(err.message).toBe("iptables-save did not answer within 0.3s");
    // the sleep the script started held stdout open; had it lived, the read would have waited for it
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("an aborted read is cancelled", async () => {
    const bin = path({ "iptables-save": "hang" });
    const controller = new AbortController();
    const pending = createLocalSource({ env: bin.env }).read(controller.signal);
    setTimeout(() => controller.abort(), 100);
    expect((await failure(pending)).code).toBe("cancelled");
  });
});

describe("backend detection", () => {
  it("reads iptables-legacy-save when only it has kube-proxy's chains, and keeps reading it", async () => {
    const bin = path({ "iptables-save": "no-kube-rules", "iptables-legacy-save": "rising-counters" });
    const source = createLocalSource({ env: bin.env });
    const first = await source.read(signal);
    expect(first.text).toContain(":KUBE-SERVICES - [0:0]");
    expect(first.notes).toEqual([
      "reading iptables-legacy-save: kube-proxy's rules are there, not in iptables-save (nf_tables)",
    ]);
    const second = await source.read(signal);
    expect(second.notes).toEqual(first.notes);
    expect(bin.calls()).toEqual(["iptables-save -c", "iptables-legacy-save -c", "iptables-legacy-save -c"]);
  });

  it("tries iptables-nft-save when iptables-save shows no tables and legacy is not installed", async () => {
    const bin = path({ "iptables-save": "empty", "iptables-nft-save": "rising-counters" });
    const read = await createLocalSource({ env: bin.env }).read(signal);
    expect(read.text).toContain("-A KUBE-SERVICES");
    expect(read.notes[0]).toMatch(/^reading iptables-nft-save/);
    expect(bin.calls()).toEqual(["iptables-save -c", "iptables-nft-save -c"]);
  });

  it("with kube-proxy's rules nowhere it returns the default dump, keeps the legacy warning, and looks again later", async () => {
    const bin = path({ "iptables-save": "no-kube-rules", "iptables-legacy-save": "empty" });
    let clock = 0;
    const source = createLocalSource({ env: bin.env, now: () => clock });
    const first = await source.read(signal);
    expect(first.notes).toEqual([]);
    expect(first.text).toContain("*nat");
    expect(first.text).toMatch(/^# Warning: iptables-legacy tables present, use iptables-legacy-save to see them$/m);
    await source.read(signal);
    expect(bin.calls()).toEqual(["iptables-save -c", "iptables-legacy-save -c", "iptables-save -c"]);
    clock += 60_000;
    await source.read(signal);
    expect(bin.calls().slice(3)).toEqual(["iptables-save -c", "iptables-legacy-save -c"]);
  });

  it("stays with iptables-save when it has kube-proxy's chains", async () => {
    const bin = path({ "iptables-save": "rising-counters", "iptables-legacy-save": "rising-counters" });
    const source = createLocalSource({ env: bin.env });
    await source.read(signal);
    await source.read(signal);
    expect(bin.calls()).toEqual(["iptables-save -c", "iptables-save -c"]);
  });
});

describe("IP families", () => {
  it("--family both reads ip6tables-save too and returns it separately", async () => {
    const bin = path({ "iptables-save": "rising-counters", "ip6tables-save": "rising-counters" });
    const read = await createLocalSource({ env: bin.env, family: "both" }).read(signal);
    expect(read.text).toContain("*nat");
    expect(read.text6).toContain("*nat");
    expect(bin.calls()).toEqual(["iptables-save -c", "ip6tables-save -c"]);
  });

  it("--family 6 reads only ip6tables-save", async () => {
    const bin = path({ "ip6tables-save": "rising-counters" });
    const source = createLocalSource({ env: bin.env, family: 6 });
    const read = await source.read(signal);
    expect(read.family).toBe(6);
    expect(read.text6).toBeUndefined();
    expect(source.label).toBe("local (ip6tables-save -c)");
    expect(bin.calls()).toEqual(["ip6tables-save -c"]);
  });
});
