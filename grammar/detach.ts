// Strings that outlive one dump must not keep the dump alive: V8 makes a substring of 13 or more characters a
// view into its parent, so one kept value would keep a whole 20 MB dump text in memory.

/** A copy of `s` that holds no reference to a larger string. */
export function detach(s: string): string {
  // concatenation gives a cons string; slicing it flattens it into a fresh string of just these characters
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
