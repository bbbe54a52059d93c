// A real SMTP server for tests: keeps every message it receives, parsed back with mailparser.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  to: string;
  raw: string;
  parsed: ParsedMail;
  /** A header's raw value ("List-Unsubscribe" -> "<https://...>"). */
  header(name: string): string | undefined;
}

export interface SmtpSink {
  port: number;
  received: ReceivedEmail[];
  /** Refuse every message with this reply until cleared (a failing SMTP server). */
  refuse(message: string | null): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedEmail[] = [];
  let refusal: string | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusal) {
          const err = Object.assign(new Error(refusal), { responseCode: 451 });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              raw,
              parsed,
              header: (name) =>
                parsed.headerLines
                  .find((h) => h.key === name.toLowerCase())
                  ?.line.slice(name.length + 1)
                  .trim(),
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    refuse: (message) => {
      refusal = message;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
