// Bundles src/cli.tsx into dist/cli.js (dependencies stay external) for bin/kube-nat-top.js.
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli.tsx"],
  outfile: "dist/cli.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  jsx: "automatic",
  sourcemap: true,
  logLevel: "warning",
});
