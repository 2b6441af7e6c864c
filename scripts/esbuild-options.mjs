// The esbuild options of the shipped CLI bundle, shared by scripts/build.mjs and the benchmark's children
// (bench/spawn.ts), so the benchmark runs code bundled the way users get it.

/** ES module for Node 20 with Ink and React left to node_modules (only the live view loads them). */
export const nodeBundle = {
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
  logLevel: "warning",
};
