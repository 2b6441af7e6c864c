import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../../src/cli/io.ts";
import { main } from "../../src/cli.tsx";
import { projectRoot } from "../support/paths.ts";

async function help(args: string[]): Promise<string> {
  let out = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  const io: CliIO = { stdout: sink, stderr: sink, stdin: process.stdin, env: {} };
  await main([...args, "--help"], io);
  return out;
}

const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
const flagsSection = readme.slice(readme.indexOf("## Flags"), readme.indexOf("## Input formats"));

describe("the README documents every flag --help lists", () => {
  for (const command of [[], ["check"], ["trace"], ["diff"]]) {
    it(`kube-nat-top ${command.join(" ") || "(main)"}`, async () => {
      const text = await help(command);
      const flags = [...text.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!);
      expect(flags).toContain("--help");
      const missing = [...new Set(flags)].filter(
        (f) => !flagsSection.includes(`\`${f}`) && !flagsSection.includes(` ${f}`),
      );
      expect(missing).toEqual([]);
    });
  }
});
