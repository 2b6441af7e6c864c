// `kube-nat-top trace --to IP:PORT[/proto]`: one packet's path through the dump the source flags name.

import { networkInterfaces } from "node:os";
import { parseDump } from "../../grammar/index.ts";
import { buildTopology } from "../model/index.ts";
import { isAddress } from "../trace/address.ts";
import { formatTraceJson, formatTraceText, parsePacketTarget, trace } from "../trace/index.ts";
import { dumpVerdict } from "../verdict/index.ts";
import type { CliIO } from "./io.ts";
import type { CliOptions } from "./options.ts";
import { readOnce } from "./read-once.ts";

export interface TraceFlags {
  readonly to: string;
  readonly from: string | null;
  readonly fromLocal: boolean;
  readonly nodeIPs: readonly string[];
}

function readsThisMachine(o: CliOptions): boolean {
  return o.file === null && o.exec === null && o.ssh === null && o.minikube === null && !o.demo;
}

function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal)
    .map((a) => a!.address.split("%")[0]!);
}

/** Reads the dump, traces the packet, prints the result; 0 when traced, 2 on bad flags or no dump. */
export async function runTrace(options: CliOptions, io: CliIO, flags: TraceFlags): Promise<number> {
  const target = parsePacketTarget(flags.to);
  if ("error" in target) {
    io.stderr.write(`kube-nat-top trace: ${target.error}\n`);
    return 2;
  }
  for (const ip of [...(flags.from ? [flags.from] : []), ...flags.nodeIPs]) {
    if (!isAddress(ip)) {
      io.stderr.write(`kube-nat-top trace: "${ip}" is not an IP address\n`);
      return 2;
    }
  }
  const read = await readOnce(options, io);
  if ("error" in read) {
    io.stderr.write(`kube-nat-top trace: ${read.error}\n`);
    return 2;
  }
  const extraNotes: string[] = [];
  let nodeIPs = [...flags.nodeIPs];
  if (nodeIPs.length === 0 && readsThisMachine(options)) {
    nodeIPs = machineAddresses();
    extraNotes.push(
      `node addresses taken from this machine: ${nodeIPs.join(", ") || "none"} (use --node-ip to set them)`,
    );
  } else if (nodeIPs.length === 0) {
    extraNotes.push("no --node-ip given: only loopback counts as a node address (addrtype LOCAL)");
  }
  const v6 = target.dst.includes(":");
  const text = v6 && read.text6 !== undefined ? read.text6 : read.text;
  const dump = parseDump(text);
  const result = trace(dump, { ...target, src: flags.from, fromLocal: flags.fromLocal, nodeIPs });
  // what is wrong with the dump as a whole (IPVS or nftables mode, split brain, cut off) changes what a trace means
  const dumpNotes = dumpVerdict(buildTopology(dump))
    .reasons.filter((r) => r.severity !== "info")
    .map((r) => r.sentence);
  const withNotes = { ...result, notes: [...dumpNotes, ...result.notes, ...extraNotes] };
  io.stdout.write(options.output === "json" ? formatTraceJson(withNotes) : formatTraceText(withNotes));
  return 0;
}
