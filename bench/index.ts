// All benchmarks: npm run bench [-- <name> <flags>]. Each benchmark is a function taking its own flags.
import { findingsTable } from './findings.js';

/**
 * Each benchmark's module is loaded only when it runs: importing them all up front loaded the
 * whole server (95 MB of heap against 12 MB for the matching benchmark alone), and the engine's
 * 10,000-row solves, timed after a full collection, ran 4 ms (18%) slower in that process than
 * in `npm run bench:matching`.
 */
const benchmarks: Record<string, () => Promise<(argv: string[]) => void | Promise<void>>> = {
  matching: async () => (await import('./matching.js')).runMatchingBenchmark,
  api: async () => (await import('./api.js')).runApiBenchmark,
  'first-screen': async () => (await import('./first-screen.js')).runFirstScreenBenchmark,
  import: async () => (await import('./import.js')).runImportBenchmark,
  outcomes: async () => (await import('./outcomes.js')).runOutcomesBenchmark,
  disclosure: async () => (await import('./disclosure.js')).runDisclosureBenchmark,
  engagement: async () => (await import('./engagement.js')).runEngagementBenchmark,
};

const argv = process.argv.slice(2);
const only = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
for (const [name, load] of Object.entries(benchmarks)) {
  if (only && only !== name) continue;
  process.stdout.write(`\n## ${name}\n\n`);
  const run = await load();
  await run(only ? argv.slice(1) : argv);
}

const table = findingsTable();
if (table) process.stdout.write(`\n## Targets\n\n${table}`);
