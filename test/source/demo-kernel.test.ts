import { expect, it } from "vitest";
import { demoDump } from "../../src/source/demo-dump.ts";
import { describeKernel } from "../support/kernel.ts";
import { exec, save, withNetns } from "../support/netns.ts";

const withoutComments = (text: string) =>
  text
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("\n");

describeKernel("demo dump on a real kernel", () => {
  const ns = withNetns("knt-demo-");

  it("loads with iptables-restore -c, and iptables-save -c prints it back line for line, counters included", async () => {
    const text = demoDump(123_456);
    const loaded = await exec(ns.name, ["iptables-restore", "-c"], text);
    expect(String(loaded.stderr)).toBe("");
    expect(loaded.exitCode).toBe(0);
    expect(withoutComments(await save(ns.name))).toBe(withoutComments(text));
  });
});
