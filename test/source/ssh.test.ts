import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { dirname } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SourceError } from "../../src/source/errors.ts";
import { createSshSource } from "../../src/source/ssh.ts";
import { describeSshd, startSshd, type TestSshd } from "./sshd.ts";

const signal = new AbortController().signal;
const HOST = "root@127.0.0.1";

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

function masterRunning(controlPath: string): boolean {
  return spawnSync("ssh", ["-F", "/dev/null", "-o", `ControlPath=${controlPath}`, "-O", "check", HOST]).status === 0;
}

const firstJump = (text: string) => Number(/^\[(\d+):\d+\] -A KUBE-SVC-\S+ .*--probability/m.exec(text)?.[1]);

describeSshd("ssh source against a real sshd", () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd({ sudo: "fake-sudo", "iptables-save": "rising-counters" });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it("reads sudo -n iptables-save -c on the node and reuses one connection", async () => {
    const source = createSshSource({ host: HOST, sshOptions: sshd.sshOptions });
    try {
      expect(source.label).toBe(`ssh ${HOST}`);
      const reads = [];
      for (let i = 0; i < 3; i++) reads.push(await source.read(signal));
      expect(reads[0]?.text).toContain("-A KUBE-SVC-CDGGSHYLG3RE2FKL");
      expect(firstJump(reads[2]?.text ?? "") - firstJump(reads[0]?.text ?? "")).toBe(20);
      // fake sudo refuses anything but `sudo -n …`, so three calls here mean the argv was right
      expect(sshd.bin.calls()).toEqual(["iptables-save -c", "iptables-save -c", "iptables-save -c"]);
      // one handshake for three reads: the ControlMaster carried the rest
      expect(sshd.log().match(/Accepted publickey/g)).toHaveLength(1);
      expect(existsSync(source.controlPath)).toBe(true);
      expect(masterRunning(source.controlPath)).toBe(true);
    } finally {
      await source.close?.();
    }
    expect(masterRunning(source.controlPath)).toBe(false);
    expect(existsSync(dirname(source.controlPath))).toBe(false);
  });

  it("a login the node refuses is an ssh failure, not a root problem", async () => {
    const options = sshd.sshOptions.filter((o) => !o.startsWith("-i ")).concat(["-i /dev/null", "IdentitiesOnly=yes"]);
    const source = createSshSource({ host: HOST, sshOptions: options });
    try {
      const err = await failure(source.read(signal));
      expect(err.code).toBe("failed");
      expect(err.message).toMatch(/^ssh to root@127\.0\.0\.1 failed: .*Permission denied \(publickey\)/);
    } finally {
      await source.close?.();
    }
  });
});

describeSshd("ssh source when the node's iptables needs root", () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd({ sudo: "fake-sudo", "iptables-save": "not-root" });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it("says which node and what it said", async () => {
    const source = createSshSource({ host: HOST, sshOptions: sshd.sshOptions });
    try {
      const err = await failure(source.read(signal));
      expect(err.code).toBe("not-root");
      expect(err.message).toMatch(/^iptables-save on root@127\.0\.0\.1 needs root: .*you must be root/);
    } finally {
      await source.close?.();
    }
  });
});

describeSshd("ssh source against a node that never answers", () => {
  let server: Server;
  let port = 0;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // accepts connections and never says a word: ssh waits for a banner that never comes
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const options = () => ["-F /dev/null", `-p ${port}`, "StrictHostKeyChecking=no", "UserKnownHostsFile=/dev/null"];

  it("is ended by the read timeout with a clear message", async () => {
    const source = createSshSource({ host: HOST, sshOptions: options(), connectTimeoutS: 60, timeoutMs: 1000 });
    try {
      const err = await failure(source.read(signal));
      expect(err.code).toBe("timeout");
      expect(err.message).toBe("ssh root@127.0.0.1 sudo -n iptables-save -c did not answer within 1s");
    } finally {
      await source.close?.();
    }
  });

  it("ssh's own ConnectTimeout is reported as a timeout too", async () => {
    const source = createSshSource({ host: HOST, sshOptions: options(), connectTimeoutS: 1, timeoutMs: 30_000 });
    try {
      const err = await failure(source.read(signal));
      expect(err.code).toBe("timeout");
      expect(err.message).toMatch(/^ssh to root@127\.0\.0\.1 failed: .*timed out/);
    } finally {
      await source.close?.();
    }
  });
});
