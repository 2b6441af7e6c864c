import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // kernel tests create network namespaces; run files one at a time so they never race on names
    fileParallelism: true,
    pool: "forks",
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
