// Reading kube-nat-top's screens back from captured terminal text: the services list and a service's detail.

/** A compact number as the UI writes it ("0.25", "340", "12.3k", "1.2M"); null for "—" or anything else. */
export function parseCompact(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([kMGT]?)$/.exec(text);
  if (!m) return null;
  const scale = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] as "" | "k" | "M" | "G" | "T"];
  return Number(m[1]) * scale;
}

/** A share as written ("33.3%") in percent; null for "—". */
export function parsePercent(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  return m ? Number(m[1]) : null;
}

export interface ListRow {
  readonly selected: boolean;
  readonly name: string;
  readonly type: string;
  readonly vip: string;
  readonly endpoints: number;
  /** The CONN/S cell as shown, and as a number (null for "—"). */
  readonly rateText: string;
  readonly rate: number | null;
}

const LIST_ROW = /^([› ]) (\S+)\s+(ClusterIP|NodePort|LB|ExternalIP)\s+(\S+)\s+(\d+)\s+(\S+)/;

/** The rows of the services list in screen order; null when the screen is not the list. */
export function listRows(screen: string): ListRow[] | null {
  const lines = screen.split("\n");
  const header = lines.findIndex((l) => /^\s+SERVICE\s.*\bCONN\/S/.test(l));
  if (header < 0) return null;
  const rows: ListRow[] = [];
  for (const line of lines.slice(header + 1)) {
    const m = LIST_ROW.exec(line);
    if (!m) break;
    rows.push({
      selected: m[1] === "›",
      name: m[2]!,
      type: m[3]!,
      vip: m[4]!,
      endpoints: Number(m[5]),
      rateText: m[6]!,
      rate: parseCompact(m[6]!),
    });
  }
  return rows;
}

export interface DetailRow {
  readonly address: string;
  /** The SEP chain cell, possibly cut short with "…". */
  readonly chain: string;
  readonly configured: number | null;
  readonly observed: number | null;
  readonly rate: number | null;
  readonly total: number | null;
}

export interface DetailScreen {
  /** The first line of the detail: "name · type · vip:port …". */
  readonly summary: string;
  /** From "conn/s R … · window W · total T · N endpoints". */
  readonly rate: number | null;
  readonly window: number | null;
  readonly total: number | null;
  readonly endpoints: DetailRow[];
}

const ENDPOINT_ROW =
  /^\s+(\S+:\d+)\s+(KUBE-SEP-\S+)\s.*?(\d+(?:\.\d+)?%)\s+(\d+(?:\.\d+)?%|—)\s+(\S+)\s.*?(\S+)\s+(yes|no|—)\s*$/;

/** The detail screen of service `name`; null when the screen shows something else. */
export function detailScreen(screen: string, name: string): DetailScreen | null {
  const lines = screen.split("\n");
  const top = lines.findIndex((l) => l.startsWith(`${name} · `));
  const header = lines.findIndex((l) => /^\s+ENDPOINT\s+SEP CHAIN\s+CONFIGURED\s+OBSERVED/.test(l));
  if (top < 0 || header < top) return null;
  const rates = lines.slice(top, header).find((l) => l.startsWith("conn/s ")) ?? "";
  const endpoints: DetailRow[] = [];
  for (const line of lines.slice(header + 1)) {
    const m = ENDPOINT_ROW.exec(line);
    if (!m) break;
    endpoints.push({
      address: m[1]!,
      chain: m[2]!,
      configured: parsePercent(m[3]!),
      observed: parsePercent(m[4]!),
      rate: parseCompact(m[5]!),
      total: parseCompact(m[6]!),
    });
  }
  return {
    summary: lines[top]!,
    rate: parseCompact(/^conn\/s (\S+)/.exec(rates)?.[1] ?? ""),
    window: parseCompact(/· window (\S+)/.exec(rates)?.[1] ?? ""),
    total: parseCompact(/· total (\S+)/.exec(rates)?.[1] ?? ""),
    endpoints,
  };
}
