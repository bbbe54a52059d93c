import { defineConfig } from 'vitest/config';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CountReporter from './scripts/count-reporter.js';

// One PGlite template per run (see src/db/testing/template-paths.ts); workers inherit it.
process.env.TWOWAY_PGLITE_TEMPLATE ??= join(tmpdir(), `twoway-pglite-template-${process.pid}.tar.gz`);

// Three projects: the pure engine, and every database-touching test twice,
// once on PGlite and once on the throwaway PostgreSQL server (when one is up).
const dbTests = ['src/**/*.test.ts'];
// Pure code with no database: run once, not on both databases.
const engineTests = [
  'src/matching/**/*.test.ts',
  'src/insights/statistics/**/*.test.ts',
  'src/insights/disclosure.test.ts',
];
const withPostgres = Boolean(process.env.TWOWAY_TEST_DATABASE_URL);

export default defineConfig({
  test: {
    reporters: ['default', new CountReporter()],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'engine', include: engineTests, environment: 'node' } },
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: dbTests,
          exclude: engineTests,
          environment: 'node',
          env: { TWOWAY_TEST_DB: 'pglite' },
          globalSetup: ['src/db/testing/pglite-setup.ts'],
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: dbTests,
                exclude: engineTests,
                environment: 'node',
                env: { TWOWAY_TEST_DB: 'postgres' },
                globalSetup: ['src/db/testing/postgres-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
