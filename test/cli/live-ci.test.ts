import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { shellQuote, TmuxSession } from "../support/e2e-tmux.ts";
import { kernelRequired } from "../support/kernel.ts";
import { binPath } from "../support/paths.ts";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!hasTmux && !kernelRequired()) console.warn("[live-ci] skipping: tmux not found (install tmux)");

describe.skipIf(!hasTmux && !kernelRequired())("the live view on a terminal", () => {
  let session: TmuxSession | null = null;
  afterEach(async () => {
    await session?.kill();
    session = null;
  });

  // Ink draws nothing until exit when it believes it runs in CI; a user's shell may well have CI set.
  it("draws and quits even when CI is set in the environment", async () => {
    const command = `env CI=true CONTINUOUS_INTEGRATION=1 node ${shellQuote(binPath)} --demo; echo EXIT=$?; sleep 30`;
    session = await TmuxSession.start(command, 120, 30);
    await session.waitFor(
      "the services list",
      (s) => s.includes("default/hello-world") && s.includes("CONN/S"),
      45_000,
    );
    await session.keys("q");
    const { screen } = await session.waitFor("the exit code", (s) => /EXIT=\d+/.exec(s)?.[0]);
    expect(screen).toContain("EXIT=0");
  });
});
