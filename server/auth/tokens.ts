import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppError } from '../core/errors';
import { Role } from './roles';

export interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
  opdId: number;
  opdPath: string;
  servicePostId: number | null;
}

export interface TokenIssuer {
  sign(claims: TokenClaims): { token: string; expiresAt: Date };
  verify(token: string): TokenClaims;
}

const VERIFIED_KEPT = 10_000;

export function tokenIssuer(secret: string, ttlSeconds: number): TokenIssuer {
  // A key object: given a string, jsonwebtoken first tries (and fails) to read it as a public key on every verify.
  const key = crypto.createSecretKey(Buffer.from(secret));
  // A token that verified once verifies again until it expires: every request carries one, and the check costs a signature.
  const verified = new Map<string, { claims: TokenClaims; until: number }>();
  return {
    sign(claims) {
      const token = jwt.sign(claims, key, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: 'lapor' });
      return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
    },
    verify(token) {
      const seen = verified.get(token);
      if (seen && seen.until > Date.now()) return seen.claims;
      try {
        const claims = jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'lapor' }) as TokenClaims & { exp: number };
        if (verified.size >= VERIFIED_KEPT) verified.clear();
        verified.set(token, { claims, until: claims.exp * 1000 });
        return claims;
      } catch (err) {
        const expired = err instanceof jwt.TokenExpiredError;
        throw AppError.unauthenticated(expired ? 'Your session has expired; sign in again.' : 'Invalid token; sign in again.');
      }
    },
  };
}
