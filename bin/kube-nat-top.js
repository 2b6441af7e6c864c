#!/usr/bin/env node
// The executable: runs the bundled CLI (built by `npm run build`, and by `npm ci` through `prepare`).
// React's development build doubles the cost of a frame; users get the production one unless they ask.
process.env.NODE_ENV ??= "production";
const { main } = await import("../dist/cli.js");

process.exitCode = await main(process.argv.slice(2));
