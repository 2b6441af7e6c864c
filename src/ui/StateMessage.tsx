// What the body says when there is nothing to list: waiting, failing, or no kube-proxy rules.

import { Box, Text } from "ink";
import type { AppState } from "../app/state.ts";
import { formatInterval } from "./format.ts";
import { sanitize } from "./sanitize.ts";
import { colorOf, useTheme } from "./theme.ts";

/** Whether the body should show a message instead of a screen. */
export function needsMessage(state: AppState): boolean {
  return state.shown === null || state.shown.topology.services.length === 0;
}

/** Draws why nothing is listed. */
export function StateMessage({ state }: { readonly state: AppState }) {
  const theme = useTheme();
  const retry = `retrying every ${formatInterval(state.intervalSec)}`;
  if (state.shown === null) {
    if (state.error) {
      return (
        <Box flexDirection="column">
          <Text wrap="truncate-end" color={colorOf(theme, "error")}>
            {`Cannot read kube-proxy's rules: ${sanitize(state.error.message)}`}
          </Text>
          <Text wrap="truncate-end" dimColor>{`${retry}; q quits`}</Text>
        </Box>
      );
    }
    return <Text wrap="truncate-end">{`waiting for the first dump from ${sanitize(state.source)}…`}</Text>;
  }
  const why = state.shown.topology.findings.filter((f) => f.service === null);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>
        no kube-proxy rules found: no service has NAT rules in this dump
      </Text>
      {why.map((f) => (
        <Text
          key={`${f.code}|${f.chain}|${f.line}|${f.message}`}
          wrap="truncate-end"
          color={colorOf(theme, f.severity)}
        >
          {`  ${sanitize(f.message)}`}
        </Text>
      ))}
      <Text wrap="truncate-end" dimColor>
        {`kube-proxy may be in IPVS or nftables mode, use the other iptables backend, or not run on this node; ${retry}`}
      </Text>
    </Box>
  );
}
