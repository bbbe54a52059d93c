// The worker service: delivers the notification outbox through SMTP (or, without it, account emails to the log) on a timer,
// and works the job queue (the engagement sweep, every minute). Sending claims rows with SKIP LOCKED, so any
// number of workers can run.
import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import { inviteQueued } from '../identity/invitations.js';
import { publicUrl } from '../identity/tokens.js';
import { accountEmailKinds, type NotificationKind } from '../notifications/outbox.js';
import { logMailer, type Mailer, sendDueNotifications, smtpMailer } from '../notifications/sender.js';
import { jobDefinitions } from './jobs.js';
import { type JobQueue, type QueueOptions, startJobQueue, startTimerJobs } from './queue.js';

export function mailerFromUrl(url: string, from: string): Mailer {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return smtpMailer({
    host: u.hostname,
    port: Number(u.port || (secure ? 465 : 587)),
    from,
    secure,
    // A plain smtp:// URL to a local relay or test sink should not insist on STARTTLS.
    ignoreTLS: u.searchParams.get('tls') === 'off',
    ...(u.username
      ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
      : {}),
  });
}

export interface Worker {
  /** Runs one pass now; returns what was sent. */
  tick(): Promise<{ sent: number; failed: number }>;
  /** The job queue, once started (null without a database handle to run it on). */
  queue: Promise<JobQueue> | null;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** The database handle the job queue runs on; without it only the outbox is sent. */
  database?: Database;
  queue?: QueueOptions;
  /** The time jobs act at and the sender reads as now; tests bring their own. */
  clock?: () => Date;
}

/** Most emails one pass sends; the timer brings the next pass. */
const perPass = 50;

/**
 * Sends up to `limit` due emails, each claimed, sent and marked in a transaction of its own,
 * so a worker killed mid-pass has committed every email it handed to the SMTP server but
 * the one in flight (which another worker then sends).
 */
async function sendOneByOne(
  db: Db,
  mailer: Mailer,
  limit: number,
  kinds: readonly NotificationKind[] | undefined,
  options: { baseUrl: string; now?: Date },
): Promise<{ sent: number; failed: number }> {
  const total = { sent: 0, failed: 0 };
  for (let handled = 0; handled < limit; handled++) {
    const one = await sendDueNotifications(db, mailer, 1, kinds, options);
    // A skipped email (its kind turned off by the recipient) counts as handled too.
    if (one.sent + one.failed + (one.skipped ?? 0) === 0) break;
    total.sent += one.sent;
    total.failed += one.failed;
  }
  return total;
}

export function startWorker(
  db: Db,
  config: Config,
  log: (line: string) => void,
  options: WorkerOptions = {},
): Worker {
  // Without SMTP, account emails (password reset links) go to the log so a first look can
  // follow them; other notifications stay in the outbox until a worker with SMTP runs.
  const mailer = config.SMTP_URL ? mailerFromUrl(config.SMTP_URL, config.MAIL_FROM) : logMailer(log);
  if (!config.SMTP_URL)
    log('No SMTP_URL: account emails are written to this log; other notifications stay in the outbox.');
  let running: Promise<{ sent: number; failed: number }> | null = null;
  // Account emails first, so a reset link never waits behind a backlog of reminders.
  const baseUrl = publicUrl(config);
  const pass = async () => {
    // Queued invitations first (a few chunks a pass), so their emails go out in this pass.
    await inviteQueued(db, baseUrl);
    const send = { baseUrl, ...(options.clock ? { now: options.clock() } : {}) };
    const first = await sendOneByOne(db, mailer, perPass, accountEmailKinds, send);
    if (!config.SMTP_URL) return first;
    const rest = await sendOneByOne(db, mailer, perPass, undefined, send);
    return { sent: first.sent + rest.sent, failed: first.failed + rest.failed };
  };
  const tick = async () => {
    // One pass at a time per process; a slow SMTP server must not pile up passes.
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    tick().catch((err: Error) => log(`Notification pass failed: ${err.message}`));
  }, config.WORKER_INTERVAL_SECONDS * 1000);
  const jobs = jobDefinitions({ db, baseUrl, log, ...(options.clock ? { clock: options.clock } : {}) });
  const onError = (err: Error) => log(`Job queue: ${err.message}`);
  // pg-boss on a PostgreSQL server; the same jobs on timers in the one process of the embedded database.
  const queue = !options.database
    ? null
    : options.database.kind === 'postgres'
      ? startJobQueue(options.database, jobs, { ...options.queue, onError })
      : Promise.resolve(startTimerJobs(jobs, onError));
  queue?.catch((err: Error) => log(`The job queue could not start: ${err.message}`));
  log(
    `Worker sending ${config.SMTP_URL ? 'notifications' : 'account emails'} every ${config.WORKER_INTERVAL_SECONDS} s.`,
  );
  return {
    tick,
    queue,
    stop: async () => {
      clearInterval(timer);
      await Promise.all([
        running?.catch(() => undefined),
        queue?.then((q) => q.stop()).catch(() => undefined),
      ]);
    },
  };
}
