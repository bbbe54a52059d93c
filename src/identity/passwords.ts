// Password rules (NIST SP 800-63B: a minimum length, no composition rules, and a check
// against common and breached passwords shipped with the product) and argon2id hashing
// (the @node-rs/argon2 default algorithm).
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { z } from 'zod';
import { fieldError } from '../errors.js';

export const minPasswordLength = 10;
export const maxPasswordLength = 200;
/** zxcvbn's score 3: about 10^8 guesses or more ("safely unguessable" online, throttled). */
export const minStrengthScore = 3;

// The dictionaries (about 49,000 common and breached passwords, English words and names)
// take a moment to load: built on first use, not at start-up.
let factory: ZxcvbnFactory | null = null;
const strength = () => {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
};

/**
 * Why a password may not be used, or null when it may. `userInputs` (the person's email,
 * name, organisation) count as known words, so `ada.lovelace2026` is weak for Ada.
 */
export function passwordProblem(password: string, userInputs: readonly string[] = []): string | null {
  if (password.length < minPasswordLength) return `must be at least ${minPasswordLength} characters`;
  if (password.length > maxPasswordLength) return `must be at most ${maxPasswordLength} characters`;
  if (!password.trim()) return 'must not be only spaces';
  // Beyond 100 characters a password is long enough; the cost of the check grows with length.
  const result = strength().check(password.slice(0, 100), [
    ...userInputs
      .flatMap((input) => input.toLowerCase().split(/[^\p{L}\p{N}]+/u))
      .filter((w) => w.length > 2),
  ]);
  if (result.score >= minStrengthScore) return null;
  const why = result.feedback.warning?.replace(/\.$/, '').toLowerCase();
  return `is too easy to guess${why ? ` (${why})` : ''}; use a longer phrase of unrelated words`;
}

export const passwordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Throws a 400 naming `field` when the password is weak for this person. */
export function assertPasswordFor(password: string, userInputs: readonly string[], field = 'password') {
  const problem = passwordProblem(password, userInputs);
  if (problem) throw fieldError(field, problem);
}

export const hashPassword = (password: string): Promise<string> => hash(password);

// Verified against when the email is unknown, so both answers take as long.
let decoyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoyHash ??= hash('decoy-password-that-never-matches');
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
