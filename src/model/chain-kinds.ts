// kube-proxy's per-service-port chains: KUBE-SVC/SVL/EXT/FW/XLB-<hash>, and KUBE-SEP-<hash> per endpoint.

/** Which of a service port's chains a name is. */
export type ChainKind = "svc" | "svl" | "ext" | "fw" | "xlb";

export const CHAIN_KINDS: readonly ChainKind[] = ["svc", "svl", "ext", "fw", "xlb"];

const PREFIXES: Readonly<Record<string, ChainKind>> = {
  "KUBE-SVC-": "svc",
  "KUBE-SVL-": "svl",
  "KUBE-EXT-": "ext",
  "KUBE-FW-": "fw",
  "KUBE-XLB-": "xlb",
};

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
  if (name === null || !name.startsWith("KUBE-")) return null;
  const dash = name.indexOf("-", 5);
  if (dash < 0 || dash === name.length - 1) return null;
  const kind = PREFIXES[name.slice(0, dash + 1)];
  return kind ? { kind, suffix: name.slice(dash + 1) } : null;
}

/** True for a KUBE-SEP-<hash> chain name. */
export function isSepChain(name: string | null): boolean {
  if (name === null) return false;
  return name.startsWith("KUBE-SEP-") && name.length > 9;
}
