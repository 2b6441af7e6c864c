// The services list's columns: name, type, vip:port, endpoints, conn/s, sparkline, verdict marker.

import { problemCount, type ServiceRow } from "../app/service-order.ts";
import type { SortMode } from "../app/state.ts";
import { formatRate, typeLabel, vipPort } from "./format.ts";
import { sanitize } from "./sanitize.ts";
import { sparkline } from "./sparkline.ts";
import type { Cell, Column } from "./table.ts";
import { STATUS_GLYPH, STATUS_TONE } from "./verdict-text.ts";

/** The verdict marker: ✖ or ▲ with the number of problems, a dim ✓ when healthy. */
function verdictCell(r: ServiceRow): Cell {
  const v = r.verdict;
  if (v === null) return { text: "" };
  if (v.status === "ok") return { text: STATUS_GLYPH.ok, tone: STATUS_TONE.ok, dim: true };
  const n = problemCount(v);
  return { text: `${STATUS_GLYPH[v.status]}${n > 99 ? "+" : n}`, tone: STATUS_TONE[v.status] };
}

/** The column each sort mode sorts by (marked in the header). */
export const SORTED_COLUMN: Record<SortMode, string> = {
  rate: "rate",
  name: "name",
  endpoints: "endpoints",
  findings: "findings",
};

/** Columns of the services list. */
export const LIST_COLUMNS: readonly Column<ServiceRow>[] = [
  {
    id: "name",
    title: "SERVICE",
    width: 26,
    flex: true,
    maxWidth: 72,
    cell: (r) => ({ text: sanitize(r.service.name) }),
  },
  { id: "type", title: "TYPE", width: 10, drop: 3, cell: (r) => ({ text: typeLabel(r.service.type) }) },
  { id: "vip", title: "VIP:PORT", width: 21, drop: 2, cell: (r) => ({ text: sanitize(vipPort(r.service)) }) },
  {
    id: "endpoints",
    title: "EPS",
    width: 4,
    align: "right",
    cell: (r) => ({ text: String(r.service.endpoints.length), tone: r.service.endpoints.length ? undefined : "error" }),
  },
  { id: "rate", title: "CONN/S", width: 7, align: "right", cell: (r) => ({ text: formatRate(r.stats?.rate) }) },
  {
    id: "history",
    title: "HISTORY",
    width: (total) => (total >= 160 ? 24 : total >= 110 ? 16 : 8),
    drop: 1,
    cell: (r, width) => ({ text: sparkline(r.stats?.series ?? [], width), tone: "accent" }),
  },
  // the verdict, under the findings sort's column
  { id: "findings", title: "!", width: 3, cell: verdictCell },
];
