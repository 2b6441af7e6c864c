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

/** The prefix of each kind, e.g. "KUBE-SVC". */
export const KIND_PREFIX: Readonly<Record<ChainKind, string>> = {
  svc: "KUBE-SVC",
  svl: "KUBE-SVL",
  ext: "KUBE-EXT",
  fw: "KUBE-FW",
  xlb: "KUBE-XLB",
};

/** Which service-port chain a name is (KUBE-SVC-<hash> → "svc"), null for any other name; allocates nothing. */
export function chainKindOf(name: string | null): ChainKind | null {
  if (name === null || name.length < 10 || !name.startsWith("KUBE-")) return null;
  // KUBE-SVC-, KUBE-SVL-, KUBE-EXT-, KUBE-FW-, KUBE-XLB-: the sixth letter picks the candidate
  let entry: readonly [string, ChainKind];
  switch (name.charCodeAt(5)) {
    case 83: // S
      entry = name.charCodeAt(7) === 67 ? PREFIXES[0]! : PREFIXES[1]!;
      break;
    case 69: // E
      entry = PREFIXES[2]!;
      break;
    case 70: // F
      entry = PREFIXES[3]!;
      break;
    case 88: // X
      entry = PREFIXES[4]!;
      break;
    default:
      return null;
  }
  const prefix = entry[0];
  return name.length > prefix.length && name.startsWith(prefix) ? entry[1] : null;
}

/** The hash suffix of a chain of a kind chainKindOf gave (KUBE-SVC-ABC → ABC). */
export function kindSuffix(name: string, kind: ChainKind): string {
  return name.slice(KIND_PREFIX[kind].length + 1);
}

/** True when a chain of that kind carries the suffix (the same as kindSuffix(name, kind) === suffix). */
export function hasSuffix(name: string, kind: ChainKind, suffix: string): boolean {
  return name.length === KIND_PREFIX[kind].length + 1 + suffix.length && name.endsWith(suffix);
}

/** True for a KUBE-SEP-<hash> chain name. */
export function isSepChain(name: string | null): boolean {
  if (name === null) return false;
  return name.startsWith("KUBE-SEP-") && name.length > 9;
}
