// All benchmarks: npm run bench [-- <name> <flags>]. Each benchmark is a function taking its own flags.
import { runApiBenchmark } from './api.js';
import { runDisclosureBenchmark } from './disclosure.js';
import { runEngagementBenchmark } from './engagement.js';
import { findingsTable } from './findings.js';
import { runFirstScreenBenchmark } from './first-screen.js';
import { runImportBenchmark } from './import.js';
import { runMatchingBenchmark } from './matching.js';
import { runOutcomesBenchmark } from './outcomes.js';

const benchmarks: Record<string, (argv: string[]) => void | Promise<void>> = {
  matching: runMatchingBenchmark,
  api: runApiBenchmark,
  'first-screen': runFirstScreenBenchmark,
  import: runImportBenchmark,
  outcomes: runOutcomesBenchmark,
  disclosure: runDisclosureBenchmark,
  engagement: runEngagementBenchmark,
};

const argv = process.argv.slice(2);
const only = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
for (const [name, run] of Object.entries(benchmarks)) {
  if (only && only !== name) continue;
  process.stdout.write(`\n## ${name}\n\n`);
  await run(only ? argv.slice(1) : argv);
}

const table = findingsTable();
if (table) process.stdout.write(`\n## Targets\n\n${table}`);
