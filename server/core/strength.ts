import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** The development secret earlier versions signed with when TOKEN_SECRET was unset. */
export const LEGACY_DEV_SECRET = 'lapor-dev-secret-not-for-production';
/** Signs tokens in APP_MODE=test only, so test processes share tokens without configuration. */
export const TEST_TOKEN_SECRET = 'lapor-test-secret-for-APP_MODE-test-only-0123456789';
/** Secrets this repository publishes: never accepted outside tests. */
export const PUBLISHED_SECRETS: readonly string[] = [LEGACY_DEV_SECRET, TEST_TOKEN_SECRET];

export const MIN_SECRET_LENGTH = 32;
export const MIN_SECRET_BITS = 128;
export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's top score: about 10^10 guesses or more (score 3 still let "Magelang2026!!" through). */
export const MIN_PASSWORD_SCORE = 4;

let passwordEstimator: ZxcvbnFactory | null = null;

// Loaded on first use: the dictionaries take megabytes, needed only by the start-up check (not kept) and the CLI.
function estimator(withWords: boolean): ZxcvbnFactory {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  if (!withWords) return new ZxcvbnFactory({ graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary } });
  if (passwordEstimator) return passwordEstimator;
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  const id = require('@zxcvbn-ts/language-id') as typeof import('@zxcvbn-ts/language-id');
  /* eslint-enable @typescript-eslint/no-require-imports */
  passwordEstimator = new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...id.dictionary },
    translations: en.translations,
  });
  return passwordEstimator;
}

/** Shannon entropy of the string's own character frequencies, times its length: 0 for "aaaa…", about 6 bits a character for base64 noise. */
export function characterEntropyBits(value: string): number {
  const chars = [...value];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/**
 * Why a server secret is too weak, or null. The rule: at least 32 characters, not a secret published
 * in this repository, and at least 128 bits by both estimates — the character statistics above and
 * zxcvbn's guess count (which sees repeats, sequences, keyboard walks and common passwords).
 */
export function secretProblem(value: string): string | null {
  if (PUBLISHED_SECRETS.includes(value)) return 'is a secret published in the source code; generate your own (openssl rand -base64 48)';
  const length = [...value].length;
  if (length < MIN_SECRET_LENGTH) return `is too short (${length} characters; at least ${MIN_SECRET_LENGTH}); generate one with openssl rand -base64 48`;
  const statBits = Math.floor(characterEntropyBits(value));
  const guessBits = Math.floor(estimator(false).check(value).guessesLog10 * Math.log2(10));
  const bits = Math.min(statBits, guessBits);
  if (bits < MIN_SECRET_BITS) {
    return `has too little entropy (about ${bits} bits estimated; at least ${MIN_SECRET_BITS}): it repeats few characters or follows a pattern; generate one with openssl rand -base64 48`;
  }
  return null;
}

/** Why a staff password is too weak, or null: at least 12 characters, not containing the username, and zxcvbn's top score (common and Indonesian/English words count against it). */
export function passwordProblem(password: string, context: { username: string; name?: string }): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `is too short (at least ${MIN_PASSWORD_LENGTH} characters)`;
  const username = context.username.trim().toLowerCase();
  if (username && password.toLowerCase().includes(username)) return 'must not contain the username';
  const inputs = [context.username, ...(context.name ?? '').split(/\s+/), 'lapor', 'magelang', 'admin', 'superadmin'].filter((s) => s.length >= 3);
  const result = estimator(true).check(password, inputs);
  if (result.score < MIN_PASSWORD_SCORE) {
    const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
    return `is too easy to guess (strength ${result.score} of 4; at least ${MIN_PASSWORD_SCORE})${hint ? `: ${hint}` : ''}`;
  }
  return null;
}
