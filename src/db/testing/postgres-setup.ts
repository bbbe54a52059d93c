// Vitest global setup for the PostgreSQL project: one migrated template
// database that each test file clones with CREATE DATABASE ... TEMPLATE.
import pg from 'pg';
import { openDatabase } from '../client.js';
import { postgresTemplateName } from './template-paths.js';

export default async function setup(): Promise<void> {
  const url = process.env.TWOWAY_TEST_DATABASE_URL;
  if (!url) throw new Error('TWOWAY_TEST_DATABASE_URL is not set; run the tests with `npm test`.');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplateName}`);
  await admin.query(`CREATE DATABASE ${postgresTemplateName}`);
  await admin.end();
  const database = await openDatabase({
    kind: 'postgres',
    url: withDatabase(url, postgresTemplateName),
    poolSize: 1,
  });
  await database.migrate();
  await database.close();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
