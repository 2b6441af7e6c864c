// Addresses as kube-proxy and iptables-save write them.

import { describe, expect, it } from "vitest";
import { isIPv6, readDnatTarget, stripHostPrefix } from "../../src/model/address.ts";

describe("addresses", () => {
  it("host prefixes /32 and /128 are dropped, other prefixes kept", () => {
    expect(stripHostPrefix("172.30.0.41/32")).toBe("172.30.0.41");
    expect(stripHostPrefix("fd00::1/128")).toBe("fd00::1");
    expect(stripHostPrefix("203.0.113.0/25")).toBe("203.0.113.0/25");
    expect(stripHostPrefix("10.0.0.1")).toBe("10.0.0.1");
  });

  it.each([
    ["10.244.1.2:8080", "10.244.1.2:8080"],
    ["[fd00::1]:8080", "[fd00::1]:8080"],
    ["[fd00:10:244::a:5]:53", "[fd00:10:244::a:5]:53"],
    ["10.244.1.2", "10.244.1.2"],
  ])("DNAT target %s is the endpoint %s", (text, address) => {
    expect(readDnatTarget(text)).toEqual({ address });
  });

  it.each([
    [null, "no --to-destination"],
    ["", "empty"],
    ["0.0.0.0:0", "unspecified"],
    ["[::]:80", "unspecified"],
    ["10.244.1.2:0", "port 0"],
    ["10.244.1.2:70000", "port 70000"],
    ["10.244.1.256:80", "not an address"],
    ["10.244.1.2-10.244.1.9:80", "not an address"],
    ["10.244.1.2:80-90", "not one ip:port"],
    ["[fd00::g]:80", "not an address"],
    ["pod-a:80", "not an address"],
  ])("DNAT target %j is not an endpoint (%s)", (text, problem) => {
    const t = readDnatTarget(text);
    expect("problem" in t && t.problem).toContain(problem);
  });

  it("IPv6 text forms are checked without a library", () => {
    for (const ok of ["::", "::1", "fd00::", "2001:db8::1:0:0:1", "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1"]) {
      expect(isIPv6(ok), ok).toBe(true);
    }
    for (const bad of [":", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "::ffff:10.0.0.256"]) {
      expect(isIPv6(bad), bad).toBe(false);
    }
  });
});
