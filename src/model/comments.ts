// kube-proxy's rule comments: which service port a rule belongs to and what the rule is for.

import { detach } from "../../grammar/detach.ts";

/** What a kube-proxy comment says about its rule. */
export type CommentKind =
  | "cluster-ip"
  | "external-ip"
  | "loadbalancer-ip"
  | "no-endpoints"
  | "no-local-endpoints"
  | "health-check"
  | "endpoint"
  | "firewall-drop"
  | "name"
  | "mention";

export interface CommentInfo {
  readonly kind: CommentKind;
  /** servicePortName normalised: the old `ns/name:` (unnamed port) becomes `ns/name`. */
  readonly name: string;
  /** servicePortName exactly as written (what kube-proxy hashed). */
  readonly written: string;
  /** `ns/name:port -> 10.0.0.1:80` endpoint comments: the address part. */
  readonly address: string | null;
}

// ns/name[:port] — namespace and name are DNS labels, port names IANA service names; kept lenient.
const NAME = "[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*(?::[\\w.-]*)?";
const SUFFIXES: ReadonlyArray<readonly [string, CommentKind]> = [
  [" cluster IP", "cluster-ip"],
  [" external IP", "external-ip"],
  [" loadbalancer IP", "loadbalancer-ip"],
  [" has no endpoints", "no-endpoints"],
  [" has no local endpoints", "no-local-endpoints"],
  [" health check node port", "health-check"],
];
const NAME_ONLY = new RegExp(`^${NAME}$`);
const ENDPOINT = new RegExp(`^(${NAME}) -> (\\S*)$`);
const FIREWALL = new RegExp(`^(${NAME}) traffic not accepted by \\S+$`);
const MENTION = new RegExp(`(?:^|\\s)(${NAME})(?=\\s|$)`);

function info(kind: CommentKind, written: string, address: string | null = null): CommentInfo {
  const name = written.endsWith(":") ? written.slice(0, -1) : written;
  return { kind, name, written, address };
}

// Rules of one service port share their comment (often the very same string): read each text once.
const memo = new Map<string, CommentInfo | null>();
const MEMO_LIMIT = 100_000;

/** Reads a kube-proxy comment; null when it names no service port. */
export function parseComment(comment: string | null): CommentInfo | null {
  if (comment === null || comment.length === 0 || comment.length > 512) return null;
  let info = memo.get(comment);
  if (info === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    // the kept key is a copy (a slice would keep its whole dump text alive), and the info is read from it
    const key = detach(comment);
    info = readComment(key);
    memo.set(key, info);
  }
  return info;
}

function readComment(comment: string): CommentInfo | null {
  // a name has no space: most comments ("ns/svc:port cluster IP") skip this test
  if (!comment.includes(" ") && NAME_ONLY.test(comment)) return info("name", comment);
  for (const [suffix, kind] of SUFFIXES) {
    if (comment.endsWith(suffix)) {
      const written = comment.slice(0, -suffix.length);
      if (NAME_ONLY.test(written)) return info(kind, written);
    }
  }
  let m = ENDPOINT.exec(comment);
  if (m) return info("endpoint", m[1]!, m[2]!);
  m = FIREWALL.exec(comment);
  if (m) return info("firewall-drop", m[1]!);
  m = MENTION.exec(comment);
  if (m) return info("mention", m[1]!);
  return null;
}

/** The namespace part of a servicePortName (`ns/name:port` → `ns`), "" for a placeholder name. */
export function namespaceOf(name: string): string {
  const slash = name.indexOf("/");
  return slash > 0 && !name.startsWith("KUBE-") ? name.slice(0, slash) : "";
}
