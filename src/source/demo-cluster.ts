// The demo's made-up cluster (a minikube-like node): services, endpoints and how much traffic each gets.

/** One endpoint: `weight` skews its real share away from the configured 1/n, as keep-alive and chance do. */
export interface DemoEndpoint {
  readonly ip: string;
  readonly port: number;
  readonly local: boolean;
  readonly weight: number;
}

/** One service port of the demo. Rates are new connections per second. */
export interface DemoService {
  readonly namespace: string;
  readonly name: string;
  /** "" for an unnamed port. */
  readonly portName: string;
  readonly protocol: "tcp" | "udp";
  readonly clusterIP: string;
  readonly port: number;
  readonly nodePort?: number;
  /** externalTrafficPolicy: Local (node-port traffic goes to local endpoints only, through KUBE-SVL). */
  readonly externalLocal?: boolean;
  /** Connections per second to the cluster IP. */
  readonly rate: number;
  /** Connections per second to the node port. */
  readonly nodePortRate?: number;
  /** Seconds per swell of the traffic. */
  readonly period: number;
  /** Connections counted before the demo started. */
  readonly before: number;
  readonly endpoints: readonly DemoEndpoint[];
  /** Bytes of a connection's first packet (nat counts only that one). */
  readonly firstPacketBytes: number;
}

export const DEMO_POD_CIDR = "10.244.0.0/16";
export const DEMO_NODE_IP = "192.168.49.2";

const coredns = (port: number, weights: [number, number]): DemoEndpoint[] => [
  { ip: "10.244.0.2", port, local: true, weight: weights[0] },
  { ip: "10.244.0.3", port, local: true, weight: weights[1] },
];

/** The services, in the order kube-proxy would have synced them (it sorts nothing; neither do we). */
export const DEMO_SERVICES: readonly DemoService[] = [
  {
    namespace: "default",
    name: "kubernetes",
    portName: "https",
    protocol: "tcp",
    clusterIP: "10.96.0.1",
    port: 443,
    rate: 0.8,
    period: 45,
    before: 5_210,
    endpoints: [{ ip: DEMO_NODE_IP, port: 8443, local: true, weight: 1 }],
    firstPacketBytes: 60,
  },
  {
    namespace: "default",
    name: "hello-world",
    portName: "",
    protocol: "tcp",
    clusterIP: "10.103.45.172",
    port: 8080,
    rate: 12,
    period: 20,
    before: 41_877,
    endpoints: [
      { ip: "10.244.0.5", port: 8080, local: true, weight: 1.12 },
      { ip: "10.244.0.6", port: 8080, local: true, weight: 0.96 },
      { ip: "10.244.0.7", port: 8080, local: true, weight: 0.92 },
    ],
    firstPacketBytes: 60,
  },
  {
    namespace: "kube-system",
    name: "kube-dns",
    portName: "dns",
    protocol: "udp",
    clusterIP: "10.96.0.10",
    port: 53,
    rate: 25,
    period: 30,
    before: 183_402,
    endpoints: coredns(53, [1.02, 0.98]),
    firstPacketBytes: 74,
  },
  {
    namespace: "kube-system",
    name: "kube-dns",
    portName: "dns-tcp",
    protocol: "tcp",
    clusterIP: "10.96.0.10",
    port: 53,
    rate: 0.3,
    period: 60,
    before: 1_260,
    endpoints: coredns(53, [1, 1]),
    firstPacketBytes: 60,
  },
  {
    namespace: "kube-system",
    name: "kube-dns",
    portName: "metrics",
    protocol: "tcp",
    clusterIP: "10.96.0.10",
    port: 9153,
    rate: 0.2,
    period: 90,
    before: 880,
    endpoints: coredns(9153, [1, 1]),
    firstPacketBytes: 60,
  },
  {
    namespace: "default",
    name: "web",
    portName: "http",
    protocol: "tcp",
    clusterIP: "10.98.12.34",
    port: 80,
    nodePort: 30080,
    externalLocal: true,
    rate: 4,
    nodePortRate: 2,
    period: 25,
    before: 9_304,
    endpoints: [
      { ip: "10.244.0.8", port: 8080, local: true, weight: 1 },
      { ip: "10.244.1.4", port: 8080, local: false, weight: 1 },
    ],
    firstPacketBytes: 60,
  },
];

/** A service whose pods are all gone: only a filter REJECT ("has no endpoints") remains. */
export const DEMO_NO_ENDPOINTS = {
  namespace: "default",
  name: "legacy-api",
  portName: "http",
  protocol: "tcp" as const,
  clusterIP: "10.105.200.9",
  port: 80,
};
