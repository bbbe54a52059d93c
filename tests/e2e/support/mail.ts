// Emails caught by the SMTP sink that tests/e2e/run.mjs starts (one .eml file per message).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { simpleParser } from 'mailparser';

/** Waits for the newest email to `to` whose subject matches, and returns its decoded text. */
export async function waitForMail(to: string, subject: RegExp): Promise<string> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set: run the browser tests through tests/e2e/run.mjs');
  let text = '';
  await expect
    .poll(
      async () => {
        for (const file of readdirSync(dir).sort().reverse()) {
          const mail = await simpleParser(readFileSync(join(dir, file)));
          const recipients = [mail.to].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);
          if (recipients.includes(to) && subject.test(mail.subject ?? '')) {
            text = mail.text ?? '';
            return true;
          }
        }
        return false;
      },
      { message: `an email to ${to} with subject ${subject}`, timeout: 20_000 },
    )
    .toBe(true);
  return text;
}
