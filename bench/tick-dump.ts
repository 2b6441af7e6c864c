// The memory bench's stand-in for `iptables-save -c`, bundled next to child.ts: `node tick-dump.mjs <dir>` prints the
// counter template saved in <dir> (counters.ts saveTemplate) with the next tick's counters, and counts the tick in
// <dir>/tick. The process under test then polls it through the product's own exec source, as it polls a node.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fillCounters, loadTemplate } from "./counters.ts";

const dir = process.argv[2];
if (!dir) throw new Error("usage: tick-dump.mjs <template dir>");
const tickFile = join(dir, "tick");
const tick = Number(readFileSync(tickFile, "utf8"));
writeFileSync(tickFile, String(tick + 1));
process.stdout.write(fillCounters(loadTemplate(dir), tick));
