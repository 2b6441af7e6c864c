// esbuild plugins that let the whole CLI, Ink included, bundle into one CommonJS file for a Node single executable.
// CommonJS has no top-level await; two dependencies use it:
// - yoga-layout's entry does `export default wrapAssembly(await loadYoga())`. It is replaced by a module whose default
//   export is an empty object filled in by `yogaReady` (from the virtual module "knt:yoga-ready"), which the
//   binary's entry awaits before it runs anything; Ink only touches Yoga when it lays out a frame.
// - Ink's reconciler awaits `import('./devtools.js')` and its package.json, both only when DEV=true. The binary has
//   no React devtools: the import fails the way a missing react-devtools-core does (Ink prints its own hint).

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The text edits made to Ink's reconciler; each must match exactly once, so an Ink upgrade fails the build loudly. */
const INK_RECONCILER_EDITS = [
  [
    "await import('./devtools.js');",
    "throw Object.assign(new Error('React devtools are not part of the standalone binary'), { code: 'ERR_MODULE_NOT_FOUND' });",
  ],
  ["? await loadPackageJson()", "? { name: 'ink', version: undefined }"],
];

function yogaEnumsPath() {
  // yoga-layout's exports map hides dist/src/generated; find it beside the package's "./load" entry
  const load = require.resolve("yoga-layout/load", { paths: [require.resolve("ink")] });
  return join(dirname(load), "generated", "YGEnums.js");
}

/** Replaces yoga-layout's top-level-await entry with an object filled in before main runs. */
export function yogaWithoutTopLevelAwait() {
  return {
    name: "yoga-without-top-level-await",
    setup(build) {
      build.onResolve({ filter: /^yoga-layout$/ }, () => ({ path: "yoga-layout", namespace: "knt-yoga" }));
      build.onResolve({ filter: /^knt:yoga-ready$/ }, () => ({ path: "yoga-ready", namespace: "knt-yoga" }));
      build.onLoad({ filter: /^yoga-layout$/, namespace: "knt-yoga" }, () => ({
        contents: [
          `export * from ${JSON.stringify(yogaEnumsPath())};`,
          "const Yoga = {};",
          "export default Yoga;",
        ].join("\n"),
        resolveDir: process.cwd(),
        loader: "js",
      }));
      build.onLoad({ filter: /^yoga-ready$/, namespace: "knt-yoga" }, () => ({
        contents: [
          'import { loadYoga } from "yoga-layout/load";',
          'import Yoga from "yoga-layout";',
          "/** Resolves once Yoga's WebAssembly is loaded and the default export is filled in. */",
          "export const yogaReady = loadYoga().then((loaded) => { Object.assign(Yoga, loaded); });",
        ].join("\n"),
        resolveDir: dirname(require.resolve("ink")),
        loader: "js",
      }));
    },
  };
}

/** Removes the DEV-only top-level awaits from Ink's reconciler. */
export function inkWithoutDevtools() {
  return {
    name: "ink-without-devtools",
    setup(build) {
      build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: "react-devtools-core", external: true }));
      build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, async (args) => {
        let contents = await readFile(args.path, "utf8");
        for (const [from, to] of INK_RECONCILER_EDITS) {
          const count = contents.split(from).length - 1;
          if (count !== 1)
            throw new Error(`ink's reconciler changed: expected "${from}" once, found it ${count} times`);
          contents = contents.replace(from, to);
        }
        return { contents, loader: "js" };
      });
    },
  };
}
