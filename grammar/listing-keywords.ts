// Readers for one keyword segment of `iptables -L` match/target text: the words each extension's print
// function writes, back to the options its save function writes. A reader takes the words it knows from the
// front of the segment and says how many it used (the rest is read on as plain words); it returns null when the
// segment does not start the way that extension prints.
import { portValue } from "./listing-columns.ts";
import type { RuleOption } from "./types.ts";

type Keyed = { readonly keyword: string; readonly negated: boolean; readonly args: readonly string[] };

/** What a segment says: the `-m` module it loads (null for target options), its options, the words used. */
export interface Interpreted {
  readonly module: string | null;
  readonly options: readonly RuleOption[];
  readonly used: number;
}

const TARGET_KEYWORDS: ReadonlySet<string> = new Set(["masq", "redir", "random-fully", "MARK", "reject-with"]);
const TCP_FLAGS = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"];
const RECENT_VERBS: Readonly<Record<string, string>> = {
  SET: "--set",
  CHECK: "--rcheck",
  UPDATE: "--update",
  REMOVE: "--remove",
};
const RECENT_VALUES: Readonly<Record<string, string>> = {
  "seconds:": "--seconds",
  "hit_count:": "--hitcount",
  "name:": "--name",
  "mask:": "--mask",
};

/** DNAT/SNAT/MASQUERADE/REDIRECT flags printed as bare words (`random`, `random-fully`, `persistent`). */
export const NAT_FLAGS: Readonly<Record<string, string>> = {
  random: "--random",
  "random-fully": "--random-fully",
  persistent: "--persistent",
};

const opt = (name: string, values: readonly string[] = [], negated = false): RuleOption => ({ name, values, negated });
const bang = (word: string): { negated: boolean; value: string } =>
  word.startsWith("!") ? { negated: true, value: word.slice(1) } : { negated: false, value: word };
const read = (module: string | null, options: readonly RuleOption[], used: number): Interpreted => ({
  module,
  options,
  used,
});

/** True for a keyword that starts the target's printout (`to:…`, `masq`, `MARK`, `reject-with`, …). */
export function isTargetKeyword(keyword: string): boolean {
  return TARGET_KEYWORDS.has(keyword) || keyword.startsWith("to:");
}

/** Reads a match segment (`tcp dpt:80`, `statistic …`, `recent: …`, `ADDRTYPE …`, `mark match …`, …). */
export function interpretMatch(s: Keyed, notes: string[]): Interpreted | null {
  const a = s.args;
  switch (s.keyword) {
    case "tcp":
    case "udp":
    case "sctp":
    case "udplite":
    case "dccp":
      return s.negated ? null : protoMatch(s.keyword, a, notes);
    case "multiport": {
      if (a.length < 2 || !/^(?:sports|dports|ports)$/.test(a[0]!)) return null;
      const { negated, value } = bang(a[1]!);
      return read("multiport", [opt(`--${a[0]}`, [portValue(value, notes)], negated)], 2);
    }
    case "statistic":
      return statistic(a);
    case "recent:":
      return recent(a, s.negated);
    case "ADDRTYPE":
      return addrtype(a);
    case "mark":
      if (a[0] !== "match" || a[1] === undefined) return null;
      if (a[1] !== "!") return read("mark", [opt("--mark", [a[1]])], 2);
      return a[2] === undefined ? null : read("mark", [opt("--mark", [a[2]], true)], 3);
    case "state":
      return a.length >= 1 ? read("state", [opt("--state", [a[0]!], s.negated)], 1) : null;
    case "match-set":
      return a.length >= 2 ? read("set", [opt("--match-set", [a[0]!, a[1]!], s.negated)], 2) : null;
    case "limit:":
      if (a.length < 4 || a[0] !== "avg" || a[2] !== "burst") return null;
      return read("limit", [opt("--limit", [a[1]!]), opt("--limit-burst", [a[3]!])], 4);
    case "nfacct-name":
      return a.length >= 1 ? read("nfacct", [opt("--nfacct-name", [a[0]!])], 1) : null;
    default:
      if (s.keyword.startsWith("ct") && a.length >= 1) {
        return read("conntrack", [opt(`--${s.keyword}`, [a[0]!], s.negated)], 1);
      }
      return null;
  }
}

/** Reads a target segment (`to:…`, `masq ports: …`, `redir ports …`, `random-fully`, `MARK …`, `reject-with …`). */
export function interpretTarget(s: Keyed, target: string | null, notes: string[]): Interpreted | null {
  if (s.negated) return null;
  const a = s.args;
  const options: RuleOption[] = [];
  let used = 0;
  if (s.keyword.startsWith("to:")) {
    const name = target === "DNAT" ? "--to-destination" : target === "SNAT" ? "--to-source" : "--to";
    options.push(opt(name, [s.keyword.slice(3)]));
  } else if (s.keyword === "masq" || s.keyword === "redir") {
    if (a[0] !== (s.keyword === "masq" ? "ports:" : "ports") || a[1] === undefined) return null;
    options.push(opt("--to-ports", [portValue(a[1], notes)]));
    used = 2;
  } else if (s.keyword === "random-fully") {
    options.push(opt("--random-fully"));
  } else if (s.keyword === "MARK") {
    const xmark = a.length >= 2 ? setXmark(a[0]!, a[1]!) : null;
    return xmark === null ? null : read(null, [opt("--set-xmark", [xmark])], 2);
  } else if (s.keyword === "reject-with") {
    return a.length >= 1 ? read(null, [opt("--reject-with", [a[0]!])], 1) : null;
  } else {
    return null;
  }
  while (used < a.length && NAT_FLAGS[a[used]!] !== undefined) options.push(opt(NAT_FLAGS[a[used++]!]!));
  return read(null, options, used);
}

function protoMatch(proto: string, args: readonly string[], notes: string[]): Interpreted {
  const options: RuleOption[] = [];
  let used = 0;
  for (const arg of args) {
    const port = /^([sd])pts?:(!?)(.+)$/.exec(arg);
    if (port) {
      options.push(opt(port[1] === "s" ? "--sport" : "--dport", [portValue(port[3]!, notes)], port[2] === "!"));
      used++;
      continue;
    }
    const flags = proto === "tcp" ? /^flags:(!?)(.+)\/(.+)$/.exec(arg) : null;
    const mask = flags && tcpFlags(flags[2]!);
    const comp = flags && tcpFlags(flags[3]!);
    if (!flags || mask === null || comp === null) break;
    options.push(opt("--tcp-flags", [mask, comp], flags[1] === "!"));
    used++;
  }
  return read(proto, options, used);
}

// `0x17` or `FIN,SYN,RST,ACK` → `FIN,SYN,RST,ACK`; 0 → NONE.
function tcpFlags(text: string): string | null {
  if (!/^0x[0-9a-fA-F]+$/.test(text)) return /^[A-Z,]+$/.test(text) ? text : null;
  const bits = Number.parseInt(text.slice(2), 16);
  const names = TCP_FLAGS.filter((_, i) => bits & (1 << i));
  return names.length ? names.join(",") : "NONE";
}

function statistic(a: readonly string[]): Interpreted | null {
  if (a[0] !== "mode") return null;
  const negated = a[2] === "!";
  const at = negated ? 3 : 2;
  if (a[1] === "random" && a[at] === "probability" && a[at + 1] !== undefined) {
    return read("statistic", [opt("--mode", ["random"]), opt("--probability", [a[at + 1]!], negated)], at + 2);
  }
  if (a[1] === "nth" && a[at] === "every" && a[at + 1] !== undefined) {
    const options = [opt("--mode", ["nth"]), opt("--every", [a[at + 1]!], negated)];
    if (a[at + 2] !== "packet" || a[at + 3] === undefined) return read("statistic", options, at + 2);
    options.push(opt("--packet", [a[at + 3]!]));
    return read("statistic", options, at + 4);
  }
  return null;
}

// recent's printout in its order (verb, seconds:, reap, hit_count:, TTL-Match, name:, side:, mask:), written
// back in iptables-save's (verb, --seconds, --reap, --hitcount, --rttl, --name, --mask, --rsource/--rdest).
function recent(a: readonly string[], negated: boolean): Interpreted | null {
  const verbs: RuleOption[] = [];
  const tail: Record<string, RuleOption> = {};
  let i = 0;
  for (; i < a.length; i++) {
    const w = a[i]!;
    const verb = RECENT_VERBS[w];
    const valued = RECENT_VALUES[w];
    if (verb !== undefined) verbs.push(opt(verb, [], negated));
    else if (w === "reap") tail["--reap"] = opt("--reap");
    else if (w === "TTL-Match") tail["--rttl"] = opt("--rttl");
    else if (w === "side:" && (a[i + 1] === "source" || a[i + 1] === "dest")) {
      tail.side = opt(a[++i] === "source" ? "--rsource" : "--rdest");
    } else if (valued !== undefined && a[i + 1] !== undefined) tail[valued] = opt(valued, [a[++i]!]);
    else break;
  }
  if (verbs.length === 0) return null;
  const order = ["--seconds", "--reap", "--hitcount", "--rttl", "--name", "--mask", "side"];
  const options = [...verbs, ...order.flatMap((k) => (tail[k] ? [tail[k]] : []))];
  return read("recent", options, i);
}

function addrtype(a: readonly string[]): Interpreted | null {
  if (a[0] !== "match") return null;
  const options: RuleOption[] = [];
  let i = 1;
  for (; i < a.length; i++) {
    const w = a[i]!;
    if ((w === "src-type" || w === "dst-type") && a[i + 1] !== undefined) {
      const { negated, value } = bang(a[++i]!);
      options.push(opt(`--${w}`, [value], negated));
    } else if (w === "limit-in" || w === "limit-out") {
      options.push(opt(w === "limit-in" ? "--limit-iface-in" : "--limit-iface-out"));
    } else break;
  }
  return read("addrtype", options, i);
}

// MARK's printouts (`or`, `xor`, `and`, `set`, `xset`) → the `--set-xmark value/mask` iptables-save writes.
function setXmark(op: string, value: string): string | null {
  const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;
  if (op === "xset") return /^0x[0-9a-f]+\/0x[0-9a-f]+$/i.test(value) ? value.toLowerCase() : null;
  if (!/^0x[0-9a-f]+$/i.test(value)) return null;
  const v = Number.parseInt(value.slice(2), 16);
  if (op === "or") return `${hex(v)}/${hex(v)}`;
  if (op === "xor") return `${hex(v)}/0x0`;
  if (op === "and") return `0x0/${hex(~v)}`;
  if (op === "set") return `${hex(v)}/0xffffffff`;
  return null;
}
