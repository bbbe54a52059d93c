// `twoway serve`, `migrate`, `demo` and `notifications send`: running the product and its data.
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { demoPassword } from '../demo/generate.js';
import { seedDemo } from '../demo/seed-demo.js';
import { publicUrl } from '../identity/tokens.js';
import { sendDueNotifications, smtpMailer } from '../notifications/sender.js';
import { startServer } from '../server.js';
import { integer, progressBar, withDatabase } from './cli-support.js';

export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and API (same as npm start)')
    .option('-p, --port <port>', 'port to listen on', integer('port', 0, 65535))
    .action(async (opts: { port?: number }) => {
      const config = loadConfig({
        ...process.env,
        ...(opts.port !== undefined ? { PORT: String(opts.port) } : {}),
      });
      const server = await startServer(config);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.stop();
    });

  program
    .command('migrate')
    .description('apply database migrations')
    .action(async () => {
      await withDatabase(async (database) => {
        process.stdout.write(`Migrations applied (${database.kind}).\n`);
      });
    });

  program
    .command('demo')
    .description(
      'create a demo organisation: a multigenerational company with four enrolling programmes (one a peer pool)',
    )
    .option('--people <n>', 'number of people', integer('--people', 50, 200_000), 600)
    .option('--seed <s>', 'random seed (same seed, same company)', integer('--seed', 0, 2 ** 31 - 1), 1)
    .option('--slug <slug>', 'organisation slug', 'northwind')
    .option('--replace', 'replace an existing organisation with this slug')
    .action(async (opts: { people: number; seed: number; slug: string; replace?: boolean }) => {
      await withDatabase(async (database) => {
        const bar = progressBar('demo');
        try {
          const { demo } = await seedDemo(database.db, { ...opts, onProgress: bar.update });
          bar.stop();
          process.stdout.write(
            `Created "${demo.name}" (${demo.slug}): ${demo.people.length} people, ${demo.programmes.length} programmes, ${demo.enrolments.length} enrolments.\n` +
              `Demo accounts (password ${demoPassword}):\n${demo.accounts.map((a) => `  ${a.email}  ${a.label}`).join('\n')}\n`,
          );
        } finally {
          bar.stop();
        }
      });
    });

  program
    .command('notifications')
    .description('notification outbox')
    .command('send')
    .description('send the notifications that are due through SMTP (retries failures later)')
    .requiredOption('--smtp-host <host>', 'SMTP server host')
    .option('--smtp-port <port>', 'SMTP server port', integer('--smtp-port', 1, 65535), 587)
    .requiredOption('--from <address>', 'sender address')
    .option('--batch <n>', 'notifications per batch', integer('--batch', 1, 1000), 50)
    .option('--no-tls', 'do not upgrade to TLS (local test servers)')
    .action(
      async (opts: { smtpHost: string; smtpPort: number; from: string; batch: number; tls: boolean }) => {
        await withDatabase(async (database) => {
          const mailer = smtpMailer({
            host: opts.smtpHost,
            port: opts.smtpPort,
            from: opts.from,
            ignoreTLS: !opts.tls,
          });
          let sent = 0;
          let failed = 0;
          for (;;) {
            const r = await sendDueNotifications(database.db, mailer, opts.batch, undefined, {
              baseUrl: publicUrl(loadConfig()),
            });
            sent += r.sent;
            failed += r.failed;
            if (r.sent + r.failed < opts.batch || r.sent === 0) break;
          }
          process.stdout.write(`Sent ${sent} notification(s); ${failed} failed and will be retried.\n`);
          if (failed > 0) process.exitCode = 1;
        });
      },
    );
}
