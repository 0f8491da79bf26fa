import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppError } from '../app/errors';
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

export function tokenIssuer(secret: string, ttlSeconds: number): TokenIssuer {
  // A key object: given a string, jsonwebtoken first tries (and fails) to read it as a public key on every verify.
  const key = crypto.createSecretKey(Buffer.from(secret));
  return {
    sign(claims) {
      const token = jwt.sign(claims, key, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: 'lapor' });
      return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
    },
    verify(token) {
      try {
        return jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'lapor' }) as TokenClaims;
      } catch (err) {
        const expired = err instanceof jwt.TokenExpiredError;
        throw AppError.unauthenticated(expired ? 'Your session has expired; sign in again.' : 'Invalid token; sign in again.');
      }
    },
  };
}
