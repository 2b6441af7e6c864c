// Reads one IP family's tables and finds kube-proxy's backend: iptables-save may show nf_tables while kube-proxy
// wrote legacy tables (or the reverse). Detects once, then keeps reading the tool that has KUBE-SERVICES.

import { hasKubeProxyRules, hasLegacyWarning, headerBackend } from "./dump-check.ts";
import { SourceError } from "./errors.ts";

/** Runs one iptables tool (argv) wherever the source reads from; returns its output, throws SourceError. */
export type ToolRunner = (argv: readonly string[], signal: AbortSignal) => Promise<{ stdout: string; stderr: string }>;

export type IpFamily = 4 | 6;

interface Tools {
  readonly default: string;
  readonly legacy: string;
  readonly nft: string;
}

const TOOLS: Record<IpFamily, Tools> = {
  4: { default: "iptables-save", legacy: "iptables-legacy-save", nft: "iptables-nft-save" },
  6: { default: "ip6tables-save", legacy: "ip6tables-legacy-save", nft: "ip6tables-nft-save" },
};

/** The save tool for a family, e.g. "ip6tables-save". */
export function saveTool(family: IpFamily): string {
  return TOOLS[family].default;
}

const WARNING_LINE = /^# Warning: .*$/gm;

/** One family's reader with backend detection. */
export class BackendReader {
  private chosen: string | null = null;
  private note: string | null = null;
  private nextDetectAt = 0;

  /**
   * @param redetectMs while no tool shows kube-proxy's rules, look at the other backends at most this often
   */
  constructor(
    private readonly run: ToolRunner,
    readonly family: IpFamily,
    private readonly now: () => number,
    private readonly redetectMs = 30_000,
  ) {}

  /** The tool being read, e.g. "iptables-legacy-save" after detection. */
  get tool(): string {
    return this.chosen ?? TOOLS[this.family].default;
  }

  /** Reads the dump text and any note about which backend was chosen. */
  async read(signal: AbortSignal): Promise<{ text: string; notes: string[] }> {
    const tools = TOOLS[this.family];
    if (this.chosen !== null && this.chosen !== tools.default) {
      const out = await this.run([this.chosen, "-c"], signal);
      if (hasKubeProxyRules(out.stdout)) return { text: out.stdout, notes: this.note ? [this.note] : [] };
      // kube-proxy's rules left this backend: look again from the start
      this.chosen = null;
      this.note = null;
      this.nextDetectAt = 0;
    }
    const first = await this.run([tools.default, "-c"], signal);
    const text = withWarnings(first.stdout, first.stderr);
    if (hasKubeProxyRules(first.stdout) || this.now() < this.nextDetectAt) {
      if (hasKubeProxyRules(first.stdout)) this.chosen = tools.default;
      return { text, notes: [] };
    }
    this.nextDetectAt = this.now() + this.redetectMs;
    const shown = headerBackend(first.stdout);
    for (const alt of alternates(tools, shown, hasLegacyWarning(first.stdout + first.stderr))) {
      const out = await this.tryRun(alt, signal);
      if (out === null || !hasKubeProxyRules(out)) continue;
      this.chosen = alt;
      this.note = `reading ${alt}: kube-proxy's rules are there, not in ${tools.default}${shown ? ` (${shown})` : ""}`;
      return { text: out, notes: [this.note] };
    }
    return { text, notes: [] };
  }

  // An alternative tool's output, or null when it is missing or fails (a cancellation still ends the read).
  private async tryRun(tool: string, signal: AbortSignal): Promise<string | null> {
    try {
      return (await this.run([tool, "-c"], signal)).stdout;
    } catch (err) {
      if (err instanceof SourceError && (err.code === "cancelled" || err.code === "timeout")) throw err;
      return null;
    }
  }
}

// The other backends worth a look, most likely first.
function alternates(tools: Tools, shown: "nf_tables" | "legacy" | null, legacyWarning: boolean): string[] {
  if (legacyWarning || shown === "nf_tables") return [tools.legacy];
  if (shown === "legacy") return [tools.nft];
  return [tools.legacy, tools.nft];
}

// iptables-nft-save prints "# Warning: iptables-legacy tables present…" on stderr; keep it in the text as a comment
// (as `iptables-save 2>&1` would) so the grammar and model can report it.
function withWarnings(stdout: string, stderr: string): string {
  const warnings = stderr.match(WARNING_LINE);
  if (!warnings) return stdout;
  const sep = stdout === "" || stdout.endsWith("\n") ? "" : "\n";
  return `${stdout}${sep}${warnings.join("\n")}\n`;
}
