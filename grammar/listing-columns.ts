// The fixed columns of an `iptables -L` rule, back to the options iptables-save writes: `!10.0.0.0/8` → `! -s
// 10.0.0.0/8`, `172.30.0.1` → `-d 172.30.0.1/32`, `6` → `-p tcp`, `*`/`any` and `0.0.0.0/0`/`anywhere` → nothing.
import { protocolName, servicePort } from "./listing-names.ts";
import type { Counters, RuleOption } from "./types.ts";

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*$/;
// Names -L prints without -n for addresses every node resolves the same way (/etc/networks, /etc/hosts).
const NAMED_ADDRESSES: Readonly<Record<string, string>> = {
  loopback: "127.0.0.0",
  "link-local": "169.254.0.0",
  localhost: "127.0.0.1",
  "ip6-localhost": "::1",
  "ip6-loopback": "::1",
};
const MULTIPLIERS: Readonly<Record<string, number>> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Collects the options of one rule and notes about what could not be read back exactly. */
export class OptionList {
  readonly options: RuleOption[] = [];
  readonly notes: string[] = [];

  /** Appends an option. */
  add(name: string, values: readonly string[] = [], negated = false): void {
    this.options.push({ name, values, negated });
  }
}

function negation(word: string): { negated: boolean; value: string } {
  return word.charCodeAt(0) === 33 /* ! */ ? { negated: true, value: word.slice(1) } : { negated: false, value: word };
}

/** `172.30.0.1` → `172.30.0.1/32` (iptables-save's spelling); null for any address (`0.0.0.0/0`, `anywhere`). */
export function addressValue(word: string, notes: string[]): string | null {
  if (word === "anywhere" || word.endsWith("/0")) return null;
  const slash = word.indexOf("/");
  const host = slash < 0 ? word : word.slice(0, slash);
  if (IPV4.test(host)) return slash < 0 ? `${word}/32` : word;
  if (IPV6.test(host)) return slash < 0 ? `${word}/128` : word;
  const named = NAMED_ADDRESSES[host];
  if (named !== undefined) return addressValue(named + (slash < 0 ? "" : word.slice(slash)), notes);
  notes.push(`host name ${word} (the listing was made without -n): address not known`);
  return word;
}

/** Adds `-s`/`-d` for an address column. */
export function addAddress(list: OptionList, name: "-s" | "-d", column: string): void {
  const { negated, value } = negation(column);
  const address = addressValue(value, list.notes);
  if (address !== null) list.add(name, [address], negated);
  else if (negated) list.add(name, [value], true); // `!0.0.0.0/0`: matches nothing, keep it as written
}

/** Adds `-i`/`-o` for an interface column (`*` and `any` match every interface). */
export function addInterface(list: OptionList, name: "-i" | "-o", column: string | null): void {
  if (column === null) return;
  const { negated, value } = negation(column);
  if (value === "*" || value === "any") return;
  list.add(name, [value], negated);
}

/** Adds `-p` for the prot column (`6`, `tcp`, `!17`; `0`/`all` add nothing). */
export function addProtocol(list: OptionList, column: string): void {
  const { negated, value } = negation(column);
  const name = protocolName(value);
  if (name !== null) list.add("-p", [name], negated);
}

/** Adds `-f` for the opt column (`-f`, `!f`; `--` adds nothing). */
export function addFragment(list: OptionList, column: string | null): void {
  if (column === null || column[1] !== "f") return;
  list.add("-f", [], column[0] === "!");
}

/** A port, a `lo:hi` or `lo-hi` range or a list, as numbers (`http` → `80`); unknown names stay, with a note. */
export function portValue(text: string, notes: string[]): string {
  return text
    .split(/([:,])/)
    .map((part) => {
      if (part === ":" || part === "," || part === "" || /^\d+$/.test(part)) return part;
      const port = servicePort(part);
      if (port !== null) return String(port);
      if (/^\d+-\d+$/.test(part)) return part;
      notes.push(`port name ${part} (the listing was made without -n): port not known`);
      return part;
    })
    .join("");
}

/** A counter column (`123`, `12K`) as a number; approximate when it had a suffix. Null when malformed. */
export function counterValue(text: string): { value: number; approximate: boolean } | null {
  const suffix = text[text.length - 1]!;
  const multiplier = MULTIPLIERS[suffix];
  const digits = multiplier === undefined ? text : text.slice(0, -1);
  if (!/^\d+$/.test(digits)) return null;
  return { value: Number(digits) * (multiplier ?? 1), approximate: multiplier !== undefined };
}

/** The counters of a rule line; approximate when either had a suffix. */
export function rowCounters(
  packets: string | null,
  bytes: string | null,
): { counters: Counters; approximate: boolean } | null {
  if (packets === null || bytes === null) return null;
  const p = counterValue(packets);
  const b = counterValue(bytes);
  if (p === null || b === null) return null;
  return { counters: { packets: p.value, bytes: b.value }, approximate: p.approximate || b.approximate };
}
