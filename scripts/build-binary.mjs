// `npm run build:binary`: a standalone executable for nodes without Node.js (Node's single executable applications).
// 1. esbuild bundles the CLI and every dependency into one CommonJS file (a SEA's main script must be CommonJS and
//    can require only built-in modules); see binary-plugins.mjs for the two top-level awaits it works around.
// 2. `node --experimental-sea-config sea-config.json` turns it into a blob.
// 3. A copy of this node binary gets the blob injected with postject.
// The result runs on machines like this one (same OS and CPU): dist/kube-nat-top-linux-x64 on Linux x64. It needs
// no Node.js there, only what the CLI itself runs (iptables-save, ssh, minikube).

import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { inkWithoutDevtools, yogaWithoutTopLevelAwait } from "./binary-plugins.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const postjectCli = join(dirname(require.resolve("postject/package.json")), "dist", "cli.js");
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

if (process.platform !== "linux") {
  console.error(`build:binary builds Linux executables only (this is ${process.platform})`);
  process.exit(1);
}

// `--out DIR` builds into DIR instead (bundle, blob, sea-config and binary): tests build their own copy there.
const outFlag = process.argv.indexOf("--out");
const out = outFlag > 0 ? resolve(process.argv[outFlag + 1] ?? "") : null;
let config = JSON.parse(readFileSync(join(root, "sea-config.json"), "utf8"));
let configPath = join(root, "sea-config.json");
if (out !== null) {
  config = { ...config, main: join(out, "kube-nat-top.cjs"), output: join(out, "kube-nat-top.blob") };
  configPath = join(out, "sea-config.json");
}
const bundle = resolve(root, config.main);
const blob = resolve(root, config.output);
const target = join(out ?? join(root, "dist"), `kube-nat-top-${process.platform}-${process.arch}`);
mkdirSync(dirname(bundle), { recursive: true });
if (out !== null) writeFileSync(configPath, JSON.stringify(config, null, 2));

// The entry waits for Yoga (Ink's layout engine, WebAssembly) before main runs: it cannot be awaited at import time.
const entry = `
import { yogaReady } from "knt:yoga-ready";
import { main } from "./src/cli.tsx";

yogaReady.then(() => main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err); process.exitCode = 1; },
);
`;

await build({
  stdin: { contents: entry, resolveDir: root, sourcefile: "sea-entry.js", loader: "js" },
  outfile: bundle,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  jsx: "automatic",
  // React's production build: the development one doubles the cost of a frame
  define: { "process.env.NODE_ENV": '"production"' },
  plugins: [yogaWithoutTopLevelAwait(), inkWithoutDevtools()],
  legalComments: "none",
  logLevel: "warning",
  // yoga's loader reads import.meta.url only to find a .wasm file it never needs (the module is inlined)
  logOverride: { "empty-import-meta": "silent" },
});

execFileSync(process.execPath, ["--experimental-sea-config", configPath], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
});

rmSync(target, { force: true });
copyFileSync(process.execPath, target);
chmodSync(target, 0o755);
// `npx postject` without npx; its ELF library warns about every note section it cannot name, harmless noise that is
// shown only when the injection fails
const injected = spawnSync(
  process.execPath,
  [postjectCli, target, "NODE_SEA_BLOB", blob, "--sentinel-fuse", FUSE, "--overwrite"],
  { encoding: "utf8" },
);
if (injected.status !== 0) {
  console.error(`${injected.stdout}${injected.stderr}`);
  console.error(`postject failed (exit ${injected.status ?? injected.signal})`);
  process.exit(1);
}
console.log(`built ${target}`);
