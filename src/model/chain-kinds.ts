// kube-proxy's per-service-port chains: KUBE-SVC/SVL/EXT/FW/XLB-<hash>, and KUBE-SEP-<hash> per endpoint.

/** Which of a service port's chains a name is. */
export type ChainKind = "svc" | "svl" | "ext" | "fw" | "xlb";

export const CHAIN_KINDS: readonly ChainKind[] = ["svc", "svl", "ext", "fw", "xlb"];

const PREFIXES: ReadonlyArray<readonly [string, ChainKind]> = [
  ["KUBE-SVC-", "svc"],
  ["KUBE-SVL-", "svl"],
  ["KUBE-EXT-", "ext"],
  ["KUBE-FW-", "fw"],
  ["KUBE-XLB-", "xlb"],
];

// KUBE-EXT-, KUBE-FW-, KUBE-XLB- by their sixth letter (KUBE-SVC-/KUBE-SVL- share theirs)
const FIRST_LETTER = new Map(PREFIXES.slice(2).map((p) => [p[0].charCodeAt(5), p]));

/** The prefix of each kind, e.g. "KUBE-SVC". */
export const KIND_PREFIX: Readonly<Record<ChainKind, string>> = {
  svc: "KUBE-SVC",
  svl: "KUBE-SVL",
  ext: "KUBE-EXT",
  fw: "KUBE-FW",
  xlb: "KUBE-XLB",
};

/** A service-port chain name split into kind and hash suffix; null for any other name. */
export function serviceChainKind(name: string | null): { kind: ChainKind; suffix: string } | null {
  if (name === null || name.length < 10 || !name.startsWith("KUBE-")) return null;
  // KUBE-SVC-, KUBE-SVL-, KUBE-EXT-, KUBE-FW-, KUBE-XLB-: the sixth letter picks the candidate
  const c = name.charCodeAt(5);
  const entry = c === 83 ? (name.charCodeAt(7) === 67 ? PREFIXES[0] : PREFIXES[1]) : FIRST_LETTER.get(c);
  if (entry === undefined) return null;
  const [prefix, kind] = entry;
  if (name.startsWith(prefix) && name.length > prefix.length) return { kind, suffix: name.slice(prefix.length) };
  return null;
}

/** True for a KUBE-SEP-<hash> chain name. */
export function isSepChain(name: string | null): boolean {
  if (name === null) return false;
  return name.startsWith("KUBE-SEP-") && name.length > 9;
}
