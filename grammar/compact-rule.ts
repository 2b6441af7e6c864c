// A rule read on the template fast path (command-templates.ts): one value per option, the option names and
// negations shared by every rule of its shape, and the RuleOption objects made only when something asks for them.
// On a 10k-service node this is ~150k rules: a few small objects each instead of one object and array per option.

import type { Counters, Rule, RuleOption, RuleVerb } from "./types.ts";

/** What the rules of one shape share: their options' names and negations, in order, and how they jump. */
export interface OptionShape {
  readonly names: readonly string[];
  readonly negated: readonly boolean[];
  /** The target is given with `-g` (goto). */
  readonly goto: boolean;
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
    /** Each option's value (every option of a compact rule has at most one), null for one without a value. */
    readonly values: readonly (string | null)[],
  ) {}

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
    const values = this.values;
    const out: RuleOption[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) {
      const v = values[i];
      out[i] = { name: names[i]!, values: v === null || v === undefined ? NO_VALUES : [v], negated: negated[i]! };
    }
    built.set(this, out);
    return out;
  }
}
