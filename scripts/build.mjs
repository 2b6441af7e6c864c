// Bundles src/cli.tsx into dist/cli.js for bin/kube-nat-top.js. Plain-JS dependencies are bundled in: loaded
// from node_modules, chevrotain's lodash-es (~600 ES modules) and execa alone took ~0.6 s of every start.
// Ink and React stay external (only the live view loads them).
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
  external: ["ink", "react", "react/*"],
  // CommonJS dependencies (cross-spawn under execa) require Node built-ins: give the ES module a require
  banner: {
    js: 'import { createRequire as __kntRequire } from "node:module"; const require = __kntRequire(import.meta.url);',
  },
  jsx: "automatic",
  sourcemap: true,
  logLevel: "warning",
});
