// Text pieces of the demo dump: growing counters, probabilities and dates as iptables-save prints them, tables.

/** Connections counted by time t (seconds): grows at `rate` on average, swelling ±50% over `period`; never falls. */
export function flow(before: number, rate: number, period: number, phase: number, t: number): number {
  const w = (2 * Math.PI) / period;
  const swell = ((0.5 * rate) / w) * (Math.sin(w * t + phase) - Math.sin(phase));
  return before + rate * t + swell;
}

/** `spn` as kube-proxy names the service port: `ns/name:port`, or `ns/name` for an unnamed port. */
export function servicePortName(s: { namespace: string; name: string; portName: string }): string {
  return `${s.namespace}/${s.name}${s.portName ? `:${s.portName}` : ""}`;
}

/** `--probability` as iptables-save prints it: the kernel keeps 1/n as a 31-bit fraction, printed with 11 decimals. */
export function savedProbability(p: number): string {
  return (Math.round(p * 0x80000000) / 0x80000000).toFixed(11);
}

/** The header/footer date as iptables-save writes it (ctime form, here in UTC). */
export function ctime(ms: number): string {
  const d = new Date(ms);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${time} ${d.getUTCFullYear()}`;
}

export type Count = readonly [packets: number, bytes: number];

/** One table of the dump: chains declared with counters, rules kept per chain, printed like iptables-save. */
export class Table {
  private readonly chains: { name: string; policy: string; count: Count }[] = [];
  private readonly rules = new Map<string, string[]>();

  constructor(readonly name: string) {}

  /** Declares a chain (built-in ones with a policy and counters). */
  chain(name: string, policy = "-", count: Count = [0, 0]): void {
    if (this.rules.has(name)) return;
    this.chains.push({ name, policy, count });
    this.rules.set(name, []);
  }

  /** Appends `[p:b] -A chain text`. */
  rule(chain: string, count: Count, text: string): void {
    this.chain(chain);
    this.rules.get(chain)?.push(`[${count[0]}:${count[1]}] -A ${chain} ${text}`);
  }

  /** The table's lines, `*name` to `COMMIT`, in iptables-save's order. */
  render(): string[] {
    const builtin = this.chains.filter((c) => c.policy !== "-");
    const user = this.chains.filter((c) => c.policy === "-").sort((a, b) => (a.name < b.name ? -1 : 1));
    const order = [...builtin, ...user];
    return [
      `*${this.name}`,
      ...order.map((c) => `:${c.name} ${c.policy} [${c.count[0]}:${c.count[1]}]`),
      ...order.flatMap((c) => this.rules.get(c.name) ?? []),
      "COMMIT",
    ];
  }
}
