import { describe, expect, it } from "vitest";
import { commandFailure } from "../../src/source/interpret.ts";

const result = (exitCode: number, stderr: string) => ({ stdout: "", stderr, exitCode, durationMs: 1 });
const ssh = { tool: "iptables-save", transport: "ssh", host: "node-1" } as const;

describe("commandFailure", () => {
  it("sudo wanting a password over ssh means: allow passwordless sudo", () => {
    const err = commandFailure(result(1, "sudo: a password is required\n"), ssh);
    expect(err.code).toBe("not-root");
    expect(err.message).toBe(
      "sudo on node-1 needs a password: allow passwordless sudo for iptables-save, or connect as root",
    );
  });

  it("ssh's own failures (exit 255) are never mistaken for a root problem", () => {
    const err = commandFailure(result(255, "root@node-1: Permission denied (publickey).\n"), ssh);
    expect(err.code).toBe("failed");
    expect(err.message).toBe("ssh to node-1 failed: root@node-1: Permission denied (publickey).");
  });

  it("a remote command that is not installed is named", () => {
    expect(commandFailure(result(1, "sudo: iptables-legacy-save: command not found\n"), ssh).message).toBe(
      "iptables-legacy-save not found on node-1: is it installed and on PATH?",
    );
    expect(commandFailure(result(127, "bash: line 1: sudo: command not found\n"), ssh)).toMatchObject({
      code: "missing-binary",
      message: "sudo not found on node-1: is it installed and on PATH?",
    });
  });

  it("legacy iptables without root is a root problem too", () => {
    const err = commandFailure(
      result(1, "Failed to list table names in /proc/net/ip_tables_names: Permission denied\n"),
      { tool: "iptables-legacy-save", transport: "local" },
    );
    expect(err.code).toBe("not-root");
    expect(err.message).toMatch(/^run with sudo: reading iptables needs root \(iptables-legacy-save: Failed to list/);
  });

  it("a missing table is a failure with iptables' own words, not a root problem", () => {
    const err = commandFailure(
      result(
        1,
        "iptables-save v1.8.7 (legacy): can't initialize iptables table `nat': Table does not exist (do you need to insmod?)\n",
      ),
      { tool: "iptables-save", transport: "local" },
    );
    expect(err.code).toBe("failed");
    expect(err.message).toContain("Table does not exist");
  });

  it("control characters in stderr do not reach the message", () => {
    const err = commandFailure(result(2, "\u001b[2J\u001b]0;pwned\u0007boom\u0007\n"), {
      tool: "x",
      transport: "exec",
    });
    expect(err.message).toBe("x failed (exit 2): boom");
  });
});
