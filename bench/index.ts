// All benchmarks: npm run bench. Each benchmark is a function taking its own flags.
import { runMatchingBenchmark } from './matching.js';

const benchmarks: Record<string, (argv: string[]) => void> = {
  matching: runMatchingBenchmark,
};

const argv = process.argv.slice(2);
const only = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
for (const [name, run] of Object.entries(benchmarks)) {
  if (only && only !== name) continue;
  process.stdout.write(`\n## ${name}\n\n`);
  run(only ? argv.slice(1) : argv);
}
