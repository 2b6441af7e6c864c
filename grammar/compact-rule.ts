// A rule read on the template fast path (command-templates.ts): one value per option, the option names and
// negations shared by every rule of its shape, and the RuleOption objects made only when something asks for them.
// On a 10k-service node this is ~150k rules: a few small objects each instead of one object and array per option.

import type { Counters, Rule, RuleOption, RuleVerb } from "./types.ts";

/** What the rules of one shape share: their options' names and negations, in order. */
export interface OptionShape {
  readonly names: readonly string[];
  readonly negated: readonly boolean[];
}

const NO_VALUES: readonly string[] = Object.freeze([]);

/** A Rule whose options are kept as columns; `options` is built on first use (same objects afterwards). */
export class CompactRule implements Rule {
  readonly verb: RuleVerb = "append";
  #options: readonly RuleOption[] | null = null;

  constructor(
    readonly table: string,
    readonly chain: string,
    readonly line: number,
    readonly raw: string,
    readonly counters: Counters | null,
    readonly target: string | null,
    readonly goto: boolean,
    /** Names and negations of the options, shared with every rule of this shape. */
    readonly shape: OptionShape,
    /** Each option's value (every option of a compact rule has at most one), null for one without a value. */
    readonly values: readonly (string | null)[],
  ) {}

  get options(): readonly RuleOption[] {
    if (this.#options !== null) return this.#options;
    const { names, negated } = this.shape;
    const values = this.values;
    const out: RuleOption[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) {
      const v = values[i];
      out[i] = { name: names[i]!, values: v === null || v === undefined ? NO_VALUES : [v], negated: negated[i]! };
    }
    this.#options = out;
    return out;
  }
}
