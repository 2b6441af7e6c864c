import { afterEach, describe, expect, it } from "vitest";
import { createMinikubeSource, minikubeArgv } from "../../src/source/minikube.ts";
import { type FakeBin, fakeBin } from "./fake-bin.ts";

const signal = new AbortController().signal;
let bins: FakeBin[] = [];
afterEach(() => {
  for (const b of bins) b.remove();
  bins = [];
});

describe("minikube source", () => {
  it("builds minikube [-p] ssh [-n NODE] -- sudo -n TOOL argv", () => {
    expect(minikubeArgv({}, ["iptables-save", "-c"])).toEqual([
      "minikube",
      "ssh",
      "--",
      "sudo",
      "-n",
      "iptables-save",
      "-c",
    ]);
    expect(minikubeArgv({ node: "m02", profile: "dev" }, ["iptables-save", "-c"])).toEqual([
      "minikube",
      "-p",
      "dev",
      "ssh",
      "-n",
      "m02",
      "--",
      "sudo",
      "-n",
      "iptables-save",
      "-c",
    ]);
  });

  it("reads the node through minikube ssh and sudo, with CRLF turned back into LF", async () => {
    const b = fakeBin({ minikube: "fake-minikube", sudo: "fake-sudo", "iptables-save": "rising-counters" });
    bins.push(b);
    const source = createMinikubeSource({ node: "m02", env: b.env });
    const read = await source.read(signal);
    expect(source.label).toBe("minikube m02");
    expect(read.text).toContain("-A KUBE-SERVICES");
    expect(read.text).not.toContain("\r");
    expect(b.calls()).toEqual(["minikube ssh -n m02 -- sudo -n iptables-save -c", "iptables-save -c"]);
  });

  it("a missing minikube is named", async () => {
    const b = fakeBin({});
    bins.push(b);
    const err = await createMinikubeSource({ env: b.env })
      .read(signal)
      .catch((e) => e);
    expect(err).toMatchObject({ code: "missing-binary", message: "minikube not found: is it installed and on PATH?" });
  });

  it("a node without iptables-save says so", async () => {
    const b = fakeBin({ minikube: "fake-minikube", sudo: "fake-sudo" });
    bins.push(b);
    const err = await createMinikubeSource({ env: b.env })
      .read(signal)
      .catch((e) => e);
    expect(err.code).toBe("missing-binary");
    expect(err.message).toMatch(/^iptables-save not found on minikube/);
  });
});
