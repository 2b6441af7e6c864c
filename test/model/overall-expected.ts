// The topologies of the shared fixtures' .expected.md files, encoded by hand from those tables.

/** One expected endpoint: address, SEP chain, written probability (null = unconditional), share, local flag. */
export interface Ep {
  readonly address: string;
  readonly chain: string;
  readonly rawProbability: number | null;
  readonly probability: number;
  readonly local: boolean | null;
}

/** One expected service port. */
export interface Svc {
  readonly name: string;
  readonly type: string;
  readonly protocol: string;
  readonly clusterIP: string;
  readonly port: number;
  readonly nodePorts: readonly number[];
  readonly externalIPs: readonly string[];
  readonly loadBalancerIPs: readonly string[];
  readonly sourceRanges: readonly string[];
  readonly affinitySeconds: number | null;
  readonly chains: {
    svc: string | null;
    svl: string | null;
    ext: string | null;
    fw: string | null;
    xlb: string | null;
  };
  readonly endpoints: readonly Ep[];
  /** Finding codes the service must carry (warnings and errors; info ones are not listed). */
  readonly findings: readonly string[];
}

const none = { svc: null, svl: null, ext: null, fw: null, xlb: null };
const base = { nodePorts: [], externalIPs: [], loadBalancerIPs: [], sourceRanges: [], affinitySeconds: null };
const ep = (
  address: string,
  chain: string,
  rawProbability: number | null,
  probability: number,
  local: boolean | null,
) => ({
  address,
  chain: `KUBE-SEP-${chain}`,
  rawProbability,
  probability,
  local,
});

/** era1 (v1.24 dev) TestOverallIPTablesRulesWithMultipleServices.expected.md. */
export const ERA1_OVERALL: readonly Svc[] = [
  {
    ...base,
    name: "ns1/svc1:p80",
    type: "ClusterIP",
    protocol: "tcp",
    clusterIP: "10.20.30.41",
    port: 80,
    chains: { ...none, svc: "KUBE-SVC-XPGD46QRK7WJZT7O" },
    endpoints: [ep("10.180.0.1:80", "SXIVWICOYRO3J4NJ", null, 1, null)],
    findings: [],
  },
  {
    ...base,
    name: "ns2/svc2:p80",
    type: "LoadBalancer",
    protocol: "tcp",
    clusterIP: "10.20.30.42",
    port: 80,
    nodePorts: [3001],
    externalIPs: ["1.2.3.4"],
    loadBalancerIPs: ["1.2.3.4"],
    sourceRanges: ["1.2.3.4/28"],
    chains: {
      ...none,
      svc: "KUBE-SVC-GNZBNJ2PO5MGZ6GT",
      xlb: "KUBE-XLB-GNZBNJ2PO5MGZ6GT",
      fw: "KUBE-FW-GNZBNJ2PO5MGZ6GT",
    },
    // The XLB chain exists and has no local endpoint: the one endpoint is not local.
    endpoints: [ep("10.180.0.2:80", "RS4RBKLTHTF2IUXJ", null, 1, false)],
    findings: ["no-local-endpoints"],
  },
  {
    ...base,
    name: "ns2b/svc2b:p80",
    type: "LoadBalancer",
    protocol: "tcp",
    clusterIP: "10.20.30.43",
    port: 80,
    nodePorts: [3001],
    loadBalancerIPs: ["1.2.3.5"],
    chains: { ...none, svc: "KUBE-SVC-PAZTZYUUMV5KCDZL", fw: "KUBE-FW-PAZTZYUUMV5KCDZL" },
    endpoints: [ep("10.180.0.3:80", "QDCEFMBQEGWIV4VT", null, 1, null)],
    // svc2 claims node port 3001 first.
    findings: ["duplicate-frontend"],
  },
  {
    ...base,
    name: "ns3/svc3:p80",
    type: "NodePort",
    protocol: "tcp",
    clusterIP: "10.20.30.43",
    port: 80,
    nodePorts: [3001],
    chains: { ...none, svc: "KUBE-SVC-X27LE4BHSL4DOUIK" },
    endpoints: [ep("10.180.0.3:80", "OYPFS5VJICHGATKP", null, 1, null)],
    // svc2b claims 10.20.30.43:80 first, svc2 node port 3001.
    findings: ["duplicate-frontend", "duplicate-frontend"],
  },
  {
    ...base,
    name: "ns4/svc4:p80",
    type: "ExternalIP",
    protocol: "tcp",
    clusterIP: "10.20.30.44",
    port: 80,
    externalIPs: ["50.60.70.81"],
    chains: { ...none, svc: "KUBE-SVC-4SW47YFZTEDKD3PK" },
    // eTP=Cluster in this era has no local chain, so locality is unknown from the dump.
    endpoints: [
      ep("10.180.0.4:80", "UKSFD7AGPMPPLUHC", 0.5, 0.5, null),
      ep("10.180.0.5:80", "C6EBXVWJJZMIWKLZ", null, 0.5, null),
    ],
    findings: [],
  },
];

/** era2 (v1.28 dev) TestOverallIPTablesRulesWithMultipleServices.expected.md; era3 adds affinity on svc5. */
export function modernOverall(svc5Affinity: number | null): Svc[] {
  return [
    {
      ...base,
      name: "ns1/svc1:p80",
      type: "ClusterIP",
      protocol: "tcp",
      clusterIP: "172.30.0.41",
      port: 80,
      chains: { ...none, svc: "KUBE-SVC-XPGD46QRK7WJZT7O" },
      endpoints: [ep("10.180.0.1:80", "SXIVWICOYRO3J4NJ", null, 1, null)],
      findings: [],
    },
    {
      ...base,
      name: "ns2/svc2:p80",
      type: "LoadBalancer",
      protocol: "tcp",
      clusterIP: "172.30.0.42",
      port: 80,
      nodePorts: [3001],
      externalIPs: ["192.168.99.22"],
      loadBalancerIPs: ["1.2.3.4"],
      chains: { ...none, svc: "KUBE-SVC-GNZBNJ2PO5MGZ6GT", ext: "KUBE-EXT-GNZBNJ2PO5MGZ6GT" },
      // No KUBE-SVL (no local endpoints): locality is not shown by a chain.
      endpoints: [ep("10.180.0.2:80", "RS4RBKLTHTF2IUXJ", null, 1, null)],
      findings: ["no-local-endpoints"],
    },
    {
      ...base,
      name: "ns3/svc3:p80",
      type: "NodePort",
      protocol: "tcp",
      clusterIP: "172.30.0.43",
      port: 80,
      nodePorts: [3003],
      chains: { ...none, svc: "KUBE-SVC-X27LE4BHSL4DOUIK", ext: "KUBE-EXT-X27LE4BHSL4DOUIK" },
      endpoints: [ep("10.180.0.3:80", "OYPFS5VJICHGATKP", null, 1, null)],
      findings: [],
    },
    {
      ...base,
      name: "ns4/svc4:p80",
      type: "ExternalIP",
      protocol: "tcp",
      clusterIP: "172.30.0.44",
      port: 80,
      externalIPs: ["192.168.99.33"],
      chains: { ...none, svc: "KUBE-SVC-4SW47YFZTEDKD3PK", ext: "KUBE-EXT-4SW47YFZTEDKD3PK" },
      endpoints: [
        ep("10.180.0.4:80", "UKSFD7AGPMPPLUHC", 0.5, 0.5, null),
        ep("10.180.0.5:80", "C6EBXVWJJZMIWKLZ", null, 0.5, null),
      ],
      findings: [],
    },
    {
      ...base,
      name: "ns5/svc5:p80",
      type: "LoadBalancer",
      protocol: "tcp",
      clusterIP: "172.30.0.45",
      port: 80,
      nodePorts: [3002],
      loadBalancerIPs: ["5.6.7.8"],
      sourceRanges: ["203.0.113.0/25"],
      affinitySeconds: svc5Affinity,
      chains: {
        ...none,
        svc: "KUBE-SVC-NUKIZ6OKUXPJNT4C",
        ext: "KUBE-EXT-NUKIZ6OKUXPJNT4C",
        fw: "KUBE-FW-NUKIZ6OKUXPJNT4C",
      },
      endpoints: [ep("10.180.0.3:80", "I77PXRDZVX7PMWMN", null, 1, null)],
      findings: [],
    },
    {
      ...base,
      name: "ns6/svc6:p80",
      type: "ClusterIP",
      protocol: "tcp",
      clusterIP: "172.30.0.46",
      port: 80,
      chains: none,
      endpoints: [],
      findings: ["no-endpoints"],
    },
  ];
}
