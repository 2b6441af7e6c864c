// The detail screen: one service's summary, verdict, chain paths, load test, endpoints table, reasons and findings.

import { Box, Text } from "ink";
import type { ServiceRow } from "../app/service-order.ts";
import type { Service } from "../model/types.ts";
import { chainPaths } from "./chain-path.ts";
import { ENDPOINT_COLUMNS } from "./detail-columns.ts";
import { type DetailItem, serviceTotal } from "./detail-items.ts";
import { formatCount, formatRate, SEVERITY_GLYPH, typeLabel, vipPort } from "./format.ts";
import { sanitize } from "./sanitize.ts";
import { sparkline } from "./sparkline.ts";
import { TableHeader, TableRow } from "./TableRow.tsx";
import { layoutColumns } from "./table.ts";
import { colorOf, useTheme } from "./theme.ts";
import { detailHead, STATUS_TONE } from "./verdict-text.ts";

export interface DetailProps {
  readonly row: ServiceRow;
  readonly items: readonly DetailItem[];
  readonly start: number;
  readonly page: number;
  readonly width: number;
}

/** Lines above the scrolling part: summary, verdict, one line per chain path, rates, load, column titles. */
export function detailChromeHeight(row: ServiceRow, width: number): number {
  const { headline, load } = detailHead(row, width);
  return 3 + headline.length + (load ? 1 : 0) + Math.max(1, chainPaths(row.service).length);
}

function summary(s: Service): string {
  const parts = [sanitize(s.name), typeLabel(s.type), sanitize(vipPort(s))];
  if (s.nodePorts.length) parts.push(`node ports ${s.nodePorts.join(",")}`);
  if (s.externalIPs.length) parts.push(`external ${sanitize(s.externalIPs.join(","))}`);
  if (s.loadBalancerIPs.length) parts.push(`LB ${sanitize(s.loadBalancerIPs.join(","))}`);
  if (s.sourceRanges.length) parts.push(`source ranges ${sanitize(s.sourceRanges.join(","))}`);
  if (s.affinitySeconds !== null) parts.push(`affinity ${s.affinitySeconds}s`);
  return parts.join(" · ");
}

/** Draws the detail of one service, its endpoints and findings scrolled to `start`. */
export function Detail({ row, items, start, page, width }: DetailProps) {
  const theme = useTheme();
  const { service, stats, verdict } = row;
  const { headline, load } = detailHead(row, width);
  const columns = layoutColumns(ENDPOINT_COLUMNS, width - 2);
  const paths = chainPaths(service);
  const spark = sparkline(stats?.series ?? [], Math.min(24, Math.max(8, width - 70)));
  const rates = [
    `conn/s ${formatRate(stats?.rate)}`,
    `window ${stats ? formatCount(stats.windowCount) : "—"}`,
    `total ${formatCount(serviceTotal(service, stats))}`,
    `${service.endpoints.length} endpoint${service.endpoints.length === 1 ? "" : "s"}`,
  ];
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>
        {summary(service)}
      </Text>
      {headline.map((line, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: the headline's lines have no identity but their place
          key={i}
          wrap="truncate-end"
          bold={verdict?.status !== "ok"}
          color={verdict ? colorOf(theme, STATUS_TONE[verdict.status]) : undefined}
        >
          {line}
        </Text>
      ))}
      {(paths.length ? paths : ["—"]).map((p, i) => (
        <Text key={p} wrap="truncate-end">
          {`${i === 0 ? "path " : "     "}${sanitize(p)}`}
        </Text>
      ))}
      <Text wrap="truncate-end">
        {`${rates[0]} `}
        <Text color={colorOf(theme, "accent")}>{spark}</Text>
        {` · ${rates.slice(1).join(" · ")}`}
      </Text>
      {load ? (
        <Text wrap="truncate-end" color={colorOf(theme, load.tone)}>
          {load.text}
        </Text>
      ) : null}
      <TableHeader columns={columns} />
      {items.slice(start, start + page).map((item) => {
        if (item.kind === "endpoint") return <TableRow key={item.key} columns={columns} row={item} />;
        if (item.kind === "reason") {
          return (
            <Text key={item.key} wrap="truncate-end">
              {"  "}
              <Text color={colorOf(theme, item.severity)}>{item.glyph}</Text>
              {` ${item.text}`}
            </Text>
          );
        }
        if (item.kind === "finding") {
          const f = item.finding;
          return (
            <Text key={item.key} wrap="truncate-end">
              <Text color={colorOf(theme, f.severity)}>{`  ${SEVERITY_GLYPH[f.severity]} ${f.severity}`}</Text>
              {` ${sanitize(f.code)}: ${sanitize(f.message)}`}
            </Text>
          );
        }
        return (
          <Text key={item.key} wrap="truncate-end" bold={item.title}>
            {item.text || " "}
          </Text>
        );
      })}
    </Box>
  );
}
