// The detail screen's endpoint columns: address, SEP chain, configured share bar, observed share, rates, totals.

import { shareBar } from "./bar.ts";
import type { DetailItem } from "./detail-items.ts";
import { formatCount, formatRate, formatShare, MISSING } from "./format.ts";
import { sanitize } from "./sanitize.ts";
import { sparkline } from "./sparkline.ts";
import type { Column } from "./table.ts";

type EndpointItem = Extract<DetailItem, { kind: "endpoint" }>;

const barWidth = (total: number): number => (total >= 160 ? 20 : total >= 110 ? 10 : 6);

/** Columns of the endpoints table. */
export const ENDPOINT_COLUMNS: readonly Column<EndpointItem>[] = [
  {
    id: "address",
    title: "ENDPOINT",
    width: 21,
    flex: true,
    maxWidth: 47,
    cell: ({ endpoint }) =>
      endpoint.address === null ? { text: "unresolved", tone: "warning" } : { text: sanitize(endpoint.address) },
  },
  {
    id: "chain",
    title: "SEP CHAIN",
    width: 21,
    drop: 2,
    cell: ({ endpoint }) => ({ text: sanitize(endpoint.chain ?? MISSING) }),
  },
  {
    id: "configured",
    title: "CONFIGURED",
    width: (total) => barWidth(total) + 7,
    cell: ({ endpoint }, width) => ({
      text: `${shareBar(endpoint.probability, width - 7)} ${formatShare(endpoint.probability).padStart(6)}`,
    }),
  },
  {
    id: "observed",
    title: "OBSERVED",
    width: 8,
    align: "right",
    cell: ({ stats }) => ({ text: formatShare(stats?.observedShare) }),
  },
  { id: "rate", title: "CONN/S", width: 7, align: "right", cell: ({ stats }) => ({ text: formatRate(stats?.rate) }) },
  {
    id: "history",
    title: "HISTORY",
    width: (total) => (total >= 160 ? 24 : total >= 110 ? 16 : 8),
    drop: 1,
    cell: ({ stats }, width) => ({ text: sparkline(stats?.series ?? [], width), tone: "accent" }),
  },
  {
    id: "total",
    title: "TOTAL",
    width: 8,
    align: "right",
    cell: ({ endpoint, stats }) => ({ text: formatCount(stats?.total ?? endpoint.packets) }),
  },
  {
    id: "local",
    title: "LOCAL",
    width: 5,
    cell: ({ endpoint }) => ({ text: endpoint.local === null ? MISSING : endpoint.local ? "yes" : "no" }),
  },
];
