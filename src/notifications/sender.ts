// Delivers queued notifications through SMTP. Each batch is claimed with SKIP LOCKED
// inside a transaction, so any number of workers can send without sending twice.
import nodemailer from 'nodemailer';
import type { Db } from '../db/client.js';
import { claimDue, markFailed, markSent, type NotificationKind } from './outbox.js';

export interface Mailer {
  send(message: { to: string; subject: string; text: string; ics?: string | null }): Promise<void>;
}

export interface SmtpOptions {
  host: string;
  port: number;
  from: string;
  secure?: boolean;
  ignoreTLS?: boolean;
  auth?: { user: string; pass: string };
}

export function smtpMailer(options: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    ignoreTLS: options.ignoreTLS ?? false,
    ...(options.auth ? { auth: options.auth } : {}),
  });
  return {
    async send(m) {
      await transport.sendMail({
        from: options.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.ics ? { icalEvent: { filename: 'invite.ics', method: 'REQUEST', content: m.ics } } : {}),
      });
    },
  };
}

/** A mailer for a first look without SMTP: each email, its link included, goes to the server log. */
export function logMailer(log: (line: string) => void): Mailer {
  return {
    async send(m) {
      log(`Email to ${m.to}: ${m.subject}\n${m.text}`);
    },
  };
}

/** Sends what is due, one batch (of some kinds only, when given); returns how many were sent and how many failed. */
export async function sendDueNotifications(
  db: Db,
  mailer: Mailer,
  limit = 50,
  kinds?: readonly NotificationKind[],
): Promise<{ sent: number; failed: number }> {
  return db.transaction(async (tx) => {
    const due = await claimDue(tx, limit, undefined, kinds);
    let sent = 0;
    let failed = 0;
    for (const row of due) {
      try {
        await mailer.send({ to: row.recipientEmail, subject: row.subject, text: row.body, ics: row.ics });
        await markSent(tx, row.id);
        sent++;
      } catch (err) {
        await markFailed(tx, row, (err as Error).message);
        failed++;
      }
    }
    return { sent, failed };
  });
}
