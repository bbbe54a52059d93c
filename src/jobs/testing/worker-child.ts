// A worker process for the kill -9 test: sends the outbox through SMTP_URL until killed.
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { startWorker } from '../worker.js';

const config = loadConfig();
const database = await openDatabase({ kind: 'postgres', url: config.DATABASE_URL as string, poolSize: 2 });
startWorker(database.db, config, (line) => process.stdout.write(`${line}\n`));
process.stdout.write('worker ready\n');
