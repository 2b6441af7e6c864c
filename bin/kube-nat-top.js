#!/usr/bin/env node
// The executable: runs the bundled CLI (built by `npm run build`, and by `npm ci` through `prepare`).
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv.slice(2));
