// Delivers queued notifications through SMTP. Each batch is claimed with SKIP LOCKED
// inside a transaction, so any number of workers can send without sending twice.
// Each email is rendered here, from its template's data, with this server's public
// address in its links and (for kinds a person may turn off) a signed one-click
// unsubscribe (RFC 8058); a kind the recipient turned off is skipped, not sent.
import nodemailer from 'nodemailer';
import type { Db } from '../db/client.js';
import { absoluteUrl, renderEmail } from './layout.js';
import {
  claimDue,
  markFailed,
  markSent,
  markSkipped,
  type NotificationKind,
  type OutboxRow,
} from './outbox.js';
import { emailOffByPerson } from './preferences.js';
import { contentOf, type Message, templates } from './templates/index.js';
import { unsubscribeKey, unsubscribeToken } from './unsubscribe.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  ics?: string | null;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: OutgoingEmail): Promise<void>;
}

export interface SmtpOptions {
  host: string;
  port: number;
  from: string;
  secure?: boolean;
  ignoreTLS?: boolean;
  auth?: { user: string; pass: string };
}

/** The METHOD of a calendar file (REQUEST, CANCEL): the MIME part must say the same for calendars to act on it. */
export const icsMethod = (ics: string) => /^METHOD:(\w+)\r?$/m.exec(ics)?.[1]?.toUpperCase() ?? 'PUBLISH';

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
        ...(m.html ? { html: m.html } : {}),
        ...(m.headers ? { headers: m.headers } : {}),
        ...(m.ics
          ? {
              icalEvent: {
                filename: icsMethod(m.ics) === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
                method: icsMethod(m.ics),
                content: m.ics,
              },
            }
          : {}),
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

/** Where links in emails point when no public address is given (the default port). */
export const defaultBaseUrl = 'http://localhost:3000';

/** The email a queued row becomes: rendered from its template's data (rows queued before templates keep their text). */
export function emailFor(row: OutboxRow, baseUrl: string, key: Buffer): OutgoingEmail {
  const base = { to: row.recipientEmail, ics: row.ics };
  const template = templates[row.kind as NotificationKind];
  if (!row.data || !template) return { ...base, subject: row.subject, text: row.body };
  const content = contentOf({ kind: row.kind, data: row.data } as Message);
  if (!template.optional || !row.recipientId) return { ...base, ...renderEmail(content, { baseUrl }) };
  const token = unsubscribeToken(key, {
    personId: row.recipientId,
    kind: row.kind as NotificationKind,
  });
  // One URL: a mail client POSTs to it (RFC 8058); a person who opens it sees a page that asks first.
  const url = absoluteUrl(`/unsubscribe/${token}`, baseUrl);
  return {
    ...base,
    ...renderEmail(content, { baseUrl, unsubscribe: { url, label: template.label } }),
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** Sends what is due, one batch (of some kinds only, when given); returns how many were sent and how many failed. */
export async function sendDueNotifications(
  db: Db,
  mailer: Mailer,
  limit = 50,
  kinds?: readonly NotificationKind[],
  /** `now` is the database's clock unless a caller (a test) brings its own. */
  options: { baseUrl?: string; now?: Date } = {},
): Promise<{ sent: number; failed: number; skipped?: number }> {
  const baseUrl = options.baseUrl ?? defaultBaseUrl;
  const key = await unsubscribeKey(db);
  return db.transaction(async (tx) => {
    const due = await claimDue(tx, limit, options.now, kinds);
    const off = await emailOffByPerson(tx, [
      ...new Set(due.flatMap((r) => (r.recipientId ? [r.recipientId] : []))),
    ]);
    let sent = 0;
    let failed = 0;
    let skipped = 0;
    for (const row of due) {
      const optional = templates[row.kind as NotificationKind]?.optional ?? true;
      if (optional && row.recipientId && off.get(row.recipientId)?.has(row.kind)) {
        await markSkipped(tx, row.id);
        skipped++;
        continue;
      }
      try {
        await mailer.send(emailFor(row, baseUrl, key));
        await markSent(tx, row.id);
        sent++;
      } catch (err) {
        await markFailed(tx, row, (err as Error).message, options.now);
        failed++;
      }
    }
    return skipped ? { sent, failed, skipped } : { sent, failed };
  });
}
