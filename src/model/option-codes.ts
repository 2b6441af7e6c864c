// The options the model reads, by code, and what the rules of one option shape share (read once per shape).

import type { OptionShape } from "../../grammar/compact-rule.ts";

// Options that never make a jump conditional.
export const NEUTRAL: ReadonlySet<string> = new Set([
  "-m",
  "--match",
  "--comment",
  "--mode",
  "--probability",
  "-j",
  "--jump",
  "-g",
  "--goto",
  "-c",
  "--set-counters",
]);

// What each option the model reads sets (0: nothing).
export const COMMENT = 1;
export const DESTINATION = 2;
export const SOURCE = 3;
export const PROTOCOL = 4;
export const DPORT = 5;
export const PROBABILITY = 6;
export const RCHECK = 7;
export const SECONDS = 8;
export const TO_DESTINATION = 9;
export const MATCH_SET = 10;
export const DST_TYPE = 11;

/** The code of each option name the model reads. */
export const CODES: ReadonlyMap<string, number> = new Map<string, number>([
  ["--comment", COMMENT],
  ["-d", DESTINATION],
  ["--destination", DESTINATION],
  ["--dst", DESTINATION],
  ["-s", SOURCE],
  ["--source", SOURCE],
  ["--src", SOURCE],
  ["-p", PROTOCOL],
  ["--protocol", PROTOCOL],
  ["--dport", DPORT],
  ["--destination-port", DPORT],
  ["--probability", PROBABILITY],
  ["--rcheck", RCHECK],
  ["--seconds", SECONDS],
  ["--to-destination", TO_DESTINATION],
  ["--to", TO_DESTINATION],
  ["--match-set", MATCH_SET],
  ["--dst-type", DST_TYPE],
]);

/** True for -j/--jump/-g/--goto. */
export function isJump(name: string): boolean {
  return name === "-j" || name === "--jump" || name === "-g" || name === "--goto";
}

/** Options that make a jump conditional: those before the -j/-g other than the neutral ones. */
function conditionsOf(names: readonly string[]): number {
  let n = 0;
  for (const name of names) {
    if (isJump(name)) break;
    if (!NEUTRAL.has(name)) n++;
  }
  return n;
}

/** What the rules of one option shape share: each option's code, and how many options are conditions. */
export interface ShapePlan {
  readonly codes: Uint8Array;
  readonly conditions: number;
  /** The first --to-destination option, else the first --to, else -1. */
  readonly dnatTo: number;
  /** The last --probability and --seconds options (the ones ruleFacts keeps), -1 when absent. */
  readonly probability: number;
  readonly seconds: number;
  readonly rcheck: boolean;
}

const plans = new WeakMap<OptionShape, ShapePlan>();

/** The plan of an option shape, made on first use. */
export function planOf(shape: OptionShape): ShapePlan {
  let plan = plans.get(shape);
  if (plan === undefined) {
    const codes = new Uint8Array(shape.names.length);
    for (let i = 0; i < codes.length; i++) codes[i] = CODES.get(shape.names[i]!) ?? 0;
    const to = shape.names.indexOf("--to-destination");
    plan = {
      codes,
      conditions: conditionsOf(shape.names),
      dnatTo: to >= 0 ? to : shape.names.indexOf("--to"),
      probability: codes.lastIndexOf(PROBABILITY),
      seconds: codes.lastIndexOf(SECONDS),
      rcheck: codes.includes(RCHECK),
    };
    plans.set(shape, plan);
  }
  return plan;
}

/** A `--probability` value as a number, null when absent or not a number. */
export function probabilityOf(text: string | null): number | null {
  const p = text === null ? Number.NaN : Number(text);
  return Number.isFinite(p) ? p : null;
}

/** A `--seconds` value as an integer, null when absent or not one. */
export function secondsOf(text: string | null): number | null {
  const s = text === null ? Number.NaN : Number(text);
  return Number.isInteger(s) ? s : null;
}
