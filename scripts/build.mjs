// Bundles src/cli.tsx into dist/cli.js (dependencies stay external) for bin/kube-nat-top.js.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// chunk names carry a hash: drop the last build's so dist/ holds only what cli.js loads
rmSync("dist/chunks", { recursive: true, force: true });

await build({
  entryPoints: ["src/cli.tsx"],
  outdir: "dist",
  // the live view (Ink, React) is a chunk of its own, loaded only when the live view starts
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  jsx: "automatic",
  sourcemap: true,
  logLevel: "warning",
});
