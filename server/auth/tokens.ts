import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppError } from '../core/errors';

/**
 * What a token says: who you are (`sub`), which of your token generations it belongs to
 * (`gen`), which sign-in it is (`jti`) and until when. Role, unit and activity are read from
 * the database on every operation (auth/identity.ts), never from here.
 */
export interface TokenClaims {
  userId: number;
  generation: number;
  jti: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface TokenIssuer {
  sign(user: { id: number; tokenGeneration: number }): { token: string; expiresAt: Date; jti: string };
  verify(token: string): TokenClaims;
}

const VERIFIED_KEPT = 10_000;

interface Payload {
  sub?: unknown;
  gen?: unknown;
  jti?: unknown;
  exp?: unknown;
}

function claimsOf(payload: Payload): TokenClaims {
  const userId = Number(payload.sub);
  if (!Number.isSafeInteger(userId) || userId <= 0 || !Number.isSafeInteger(payload.gen) || typeof payload.jti !== 'string') {
    throw AppError.unauthenticated('Invalid token; sign in again.');
  }
  // jsonwebtoken accepts a token without `exp` as one that never expires.
  if (typeof payload.exp !== 'number') throw AppError.unauthenticated('The token has no expiry; sign in again.');
  return { userId, generation: payload.gen as number, jti: payload.jti, expiresAt: payload.exp * 1000 };
}

export function tokenIssuer(secret: string, ttlSeconds: number): TokenIssuer {
  // A key object: given a string, jsonwebtoken first tries (and fails) to read it as a public key on every verify.
  const key = crypto.createSecretKey(Buffer.from(secret));
  // A token that verified once verifies again until it expires: every request carries one, and the check costs a signature.
  const verified = new Map<string, TokenClaims>();
  return {
    sign(user) {
      const jti = crypto.randomUUID();
      const token = jwt.sign({ sub: String(user.id), gen: user.tokenGeneration }, key, {
        algorithm: 'HS256',
        expiresIn: ttlSeconds,
        issuer: 'lapor',
        jwtid: jti,
      });
      const { exp } = jwt.decode(token) as { exp: number };
      return { token, expiresAt: new Date(exp * 1000), jti };
    },
    verify(token) {
      const seen = verified.get(token);
      if (seen) {
        if (seen.expiresAt > Date.now()) return seen;
        verified.delete(token);
        throw AppError.unauthenticated('Your session has expired; sign in again.');
      }
      let payload: Payload;
      try {
        payload = jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'lapor' }) as Payload;
      } catch (err) {
        const expired = err instanceof jwt.TokenExpiredError;
        throw AppError.unauthenticated(expired ? 'Your session has expired; sign in again.' : 'Invalid token; sign in again.');
      }
      const claims = claimsOf(payload);
      if (verified.size >= VERIFIED_KEPT) verified.clear();
      verified.set(token, claims);
      return claims;
    },
  };
}
