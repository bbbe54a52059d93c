import { join } from 'node:path';

/** Where the migrated PGlite template lives for one test run. */
export const pgliteTemplatePath = join(process.cwd(), '.tmp', 'pglite-template.tar.gz');
/** The migrated PostgreSQL template database each test file clones. */
export const postgresTemplateName = 'twoway_template';
