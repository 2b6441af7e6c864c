// A rule read on the template fast path (command-templates.ts): one value per option, the option names and
// negations shared by every rule of its shape, and the RuleOption objects made only when something asks for them.
// The values themselves are kept as their places in the rule's text (in a table shared by many rules) and sliced
// when read: on a 10k-service node this is ~150k rules, whose ~500k value strings and arrays were a third of a
// parsed dump's memory, while the model reads each rule's values once.

import type { Counters, Rule, RuleOption, RuleVerb } from "./types.ts";
import { unescapeQuoted } from "./unquote.ts";

/** What the rules of one shape share: their options' names and negations, in order, and how they jump. */
export interface OptionShape {
  readonly names: readonly string[];
  readonly negated: readonly boolean[];
  /** The target is given with `-g` (goto). */
  readonly goto: boolean;
  /** The option's value is written quoted (it is read without its escapes). */
  readonly quoted: readonly boolean[];
}

const NO_VALUES: readonly string[] = Object.freeze([]);

// Options built for the rules something asked about; most rules are never asked (kept out of every rule's fields).
const built = new WeakMap<CompactRule, readonly RuleOption[]>();

/** A Rule whose options are kept as columns; `options` is built on first use (same objects afterwards). */
export class CompactRule implements Rule {
  constructor(
    readonly table: string,
    readonly chain: string,
    readonly line: number,
    readonly raw: string,
    readonly counters: Counters | null,
    readonly target: string | null,
    /** Names and negations of the options, shared with every rule of this shape. */
    readonly shape: OptionShape,
    /**
     * Where each option's value is in `raw`: bounds[at + 2i] to bounds[at + 2i + 1] (inside the quotes of a quoted
     * one), bounds[at + 2i] = -1 for an option without a value.
     */
    private readonly bounds: Int32Array,
    private readonly at: number,
  ) {}

  /** Option i's value (every option of a compact rule has at most one), null for one without a value. */
  value(i: number): string | null {
    const k = this.at + 2 * i;
    const start = this.bounds[k]!;
    if (start < 0) return null;
    const text = this.raw.slice(start, this.bounds[k + 1]);
    return this.shape.quoted[i] ? unescapeQuoted(text) : text;
  }

  /** Every option's value (see value). */
  get values(): readonly (string | null)[] {
    const n = this.shape.names.length;
    const out = new Array<string | null>(n);
    for (let i = 0; i < n; i++) out[i] = this.value(i);
    return out;
  }

  get verb(): RuleVerb {
    return "append";
  }

  get goto(): boolean {
    return this.shape.goto;
  }

  get options(): readonly RuleOption[] {
    const known = built.get(this);
    if (known !== undefined) return known;
    const { names, negated } = this.shape;
    const out: RuleOption[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) {
      const v = this.value(i);
      out[i] = { name: names[i]!, values: v === null || v === undefined ? NO_VALUES : [v], negated: negated[i]! };
    }
    built.set(this, out);
    return out;
  }
}
