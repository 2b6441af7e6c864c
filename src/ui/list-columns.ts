// The services list's columns: name, type, vip:port, endpoints, conn/s, sparkline, finding marker.

import { type ServiceRow, worstSeverity } from "../app/service-order.ts";
import type { SortMode } from "../app/state.ts";
import { formatRate, SEVERITY_GLYPH, typeLabel, vipPort } from "./format.ts";
import { sanitize } from "./sanitize.ts";
import { sparkline } from "./sparkline.ts";
import type { Column } from "./table.ts";

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
  {
    id: "findings",
    title: "!",
    width: 3,
    cell: (r) => {
      const worst = worstSeverity(r.service.findings);
      if (worst === null) return { text: "" };
      return { text: `${SEVERITY_GLYPH[worst]}${r.service.findings.length}`, tone: worst };
    },
  },
];
