// Bundles src/cli.tsx into dist/cli.js for bin/kube-nat-top.js. Plain-JS dependencies are bundled in: loaded
// from node_modules, chevrotain's lodash-es (~600 ES modules) and execa alone took ~0.6 s of every start.
// Ink and React stay external (only the live view loads them).
import { rmSync } from "node:fs";
import { build } from "esbuild";
import { nodeBundle } from "./esbuild-options.mjs";

// chunk names carry a hash: drop the last build's so dist/ holds only what cli.js loads
rmSync("dist/chunks", { recursive: true, force: true });

await build({
  entryPoints: ["src/cli.tsx"],
  outdir: "dist",
  // the live view (Ink, React) is a chunk of its own, loaded only when the live view starts
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  ...nodeBundle,
  sourcemap: true,
});
