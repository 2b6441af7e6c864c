// The match and target text of an `iptables -L` rule, segment by segment, back to iptables-save options:
// `tcp dpt:80` → `-m tcp --dport 80`, `statistic mode random probability 0.5` → `-m statistic --mode random
// --probability 0.5`, `recent: CHECK seconds: 10800 reap name: X side: source mask: M` → `-m recent --rcheck …`,
// `to:10.0.0.1:80` → `-j DNAT --to-destination 10.0.0.1:80`, `MARK or 0x4000` → `--set-xmark 0x4000/0x4000`.
// Text no reader understands is kept whole as one `--listing-text` option, so a condition is never dropped.
import type { OptionList } from "./listing-columns.ts";
import { interpretMatch, interpretTarget, isTargetKeyword, NAT_FLAGS } from "./listing-keywords.ts";
import type { ListingSegment } from "./listing-parser.ts";
import type { RuleOption } from "./types.ts";

/** Name of the option that carries listing text no reader understood, verbatim. */
export const LISTING_TEXT = "--listing-text";

const VERDICTS = new Set(["ACCEPT", "DROP", "RETURN", "QUEUE"]);

/** A segment once read: options (with the `-m` module they need), or words kept as text. */
type Piece =
  | { readonly kind: "read"; readonly module: string | null; readonly options: readonly RuleOption[] }
  | { readonly kind: "text"; readonly words: string[] };

/** Adds the options of the match segments, then `-j`/`-g TARGET`, then the target's own options. */
export function addSegments(
  list: OptionList,
  segments: readonly ListingSegment[],
  target: string | null,
  goto: boolean,
): void {
  const pieces: Piece[] = [];
  let targetAt = -1;
  for (const s of segments) {
    if (s.kind === "comment") {
      pieces.push({
        kind: "read",
        module: "comment",
        options: [{ name: "--comment", values: [s.text], negated: false }],
      });
      continue;
    }
    if (s.kind === "words") {
      addWords(pieces, s.words);
      continue;
    }
    const onTarget = isTargetKeyword(s.keyword);
    if (onTarget && targetAt < 0) targetAt = pieces.length;
    const read = onTarget ? interpretTarget(s, target, list.notes) : interpretMatch(s, list.notes);
    if (read === null) {
      addWords(pieces, [...(s.negated ? ["!"] : []), s.keyword, ...s.args]);
      continue;
    }
    pieces.push({ kind: "read", module: read.module, options: read.options });
    if (read.used < s.args.length) addWords(pieces, s.args.slice(read.used));
  }
  if (targetAt < 0) targetAt = trailingTargetText(pieces, target);
  let module: string | null = null;
  for (let i = 0; i < pieces.length; i++) {
    if (i === targetAt && target !== null) list.add(goto ? "-g" : "-j", [target]);
    const p = pieces[i]!;
    if (p.kind === "text") {
      const flags = i >= targetAt && p.words.every((w) => NAT_FLAGS[w] !== undefined);
      if (flags) for (const w of p.words) list.add(NAT_FLAGS[w]!);
      else list.add(LISTING_TEXT, [p.words.join(" ")]);
      module = null;
      continue;
    }
    // Consecutive conntrack printouts (`ctstate NEW ctstatus DNAT`) come from one `-m conntrack`.
    if (p.module !== null && !(p.module === "conntrack" && module === "conntrack")) list.add("-m", [p.module]);
    module = p.module;
    for (const o of p.options) list.options.push(o);
  }
  if (targetAt >= pieces.length && target !== null) list.add(goto ? "-g" : "-j", [target]);
}

function addWords(pieces: Piece[], words: readonly string[]): void {
  const last = pieces[pieces.length - 1];
  if (last?.kind === "text") last.words.push(...words);
  else pieces.push({ kind: "text", words: [...words] });
}

// Where the target's printout starts when no target keyword marked it: trailing words that begin with the
// target's name (`LOG flags 0 level 4`, `CONNMARK set 0x2`) or are only NAT flags (`random`). Splits that piece.
function trailingTargetText(pieces: Piece[], target: string | null): number {
  const last = pieces[pieces.length - 1];
  if (last?.kind !== "text" || target === null || VERDICTS.has(target)) return pieces.length;
  if (last.words.every((w) => NAT_FLAGS[w] !== undefined)) return pieces.length - 1;
  const at = last.words.indexOf(target);
  if (at < 0) return pieces.length;
  if (at === 0) return pieces.length - 1;
  pieces.push({ kind: "text", words: last.words.splice(at) });
  return pieces.length - 1;
}
