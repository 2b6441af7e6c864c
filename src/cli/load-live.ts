// Loads the live view. Ink decides when its module loads whether it runs in CI (env CI / CONTINUOUS_INTEGRATION)
// and then draws nothing until exit; the live view only ever runs on a terminal, so it must never think so.

const CI_VARIABLES = ["CI", "CONTINUOUS_INTEGRATION"] as const;

/** Imports the live view (and Ink) with the CI variables hidden, then puts them back for child processes. */
export async function loadLive(): Promise<typeof import("./live.tsx")> {
  const saved = CI_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of CI_VARIABLES) delete process.env[name];
  try {
    return await import("./live.tsx");
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}
