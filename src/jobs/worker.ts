// The worker service: delivers the notification outbox through SMTP (or, without it, account emails to the log) on a timer.
// Sending claims rows with SKIP LOCKED, so any number of workers can run.
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { inviteQueued } from '../identity/invitations.js';
import { publicUrl } from '../identity/tokens.js';
import { accountEmailKinds } from '../notifications/outbox.js';
import { logMailer, type Mailer, sendDueNotifications, smtpMailer } from '../notifications/sender.js';

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
  stop(): Promise<void>;
}

export function startWorker(db: Db, config: Config, log: (line: string) => void): Worker {
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
    const first = await sendDueNotifications(db, mailer, 50, accountEmailKinds, { baseUrl });
    if (!config.SMTP_URL) return first;
    const rest = await sendDueNotifications(db, mailer, 50, undefined, { baseUrl });
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
  log(
    `Worker sending ${config.SMTP_URL ? 'notifications' : 'account emails'} every ${config.WORKER_INTERVAL_SECONDS} s.`,
  );
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
