// Secret tokens (sessions, email links): 32 random bytes, handed out once, stored only as SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/** Waits until at least `ms` have passed since `started`, so fast and slow paths answer alike. */
export async function answerNoSoonerThan(started: number, ms: number): Promise<void> {
  const left = started + ms - Date.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

/** Links in emails start with the configured public address, never with a request's Host header. */
export function publicUrl(config: { PUBLIC_URL?: string | undefined; PORT: number }): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}
