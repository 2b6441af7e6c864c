// Stable keys for series and selection: chain names and service names, never row positions.

import type { Endpoint, Service } from "./types.ts";

/** The stable key of an endpoint: its SEP chain, or the service and address (or position) without one. */
export function endpointKey(service: Service, endpoint: Endpoint, index: number): string {
  if (endpoint.chain) return endpoint.chain;
  return `${service.name}|${endpoint.address ?? `#${index}`}`;
}
