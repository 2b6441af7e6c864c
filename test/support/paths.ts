// Paths tests share: the project root, the built binary, and ../shared/fixtures when it exists.

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (the folder holding package.json). */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The executable users run. */
export const binPath = join(projectRoot, "bin", "kube-nat-top.js");

/** ../shared/fixtures beside the project, or null when this checkout has none. */
export const sharedFixtures: string | null = (() => {
  const dir = resolve(projectRoot, "..", "shared", "fixtures");
  return existsSync(dir) ? dir : null;
})();

/** A dump under test/fixtures/dumps. */
export function dumpPath(name: string): string {
  return join(projectRoot, "test", "fixtures", "dumps", name);
}
