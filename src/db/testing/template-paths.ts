import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the migrated PGlite template lives for one test run. vitest.config.ts sets a
 * path per run, so runs side by side in one checkout never read each other's file.
 */
export const pgliteTemplatePath =
  process.env.TWOWAY_PGLITE_TEMPLATE ?? join(tmpdir(), 'twoway-pglite-template.tar.gz');
/** The migrated PostgreSQL template database each test file clones. */
export const postgresTemplateName = 'twoway_template';
