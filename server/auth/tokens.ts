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
  return {
    sign(claims) {
      const token = jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: 'lapor' });
      return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
    },
    verify(token) {
      try {
        return jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'lapor' }) as TokenClaims;
      } catch (err) {
        const expired = err instanceof jwt.TokenExpiredError;
        throw AppError.unauthenticated(expired ? 'Your session has expired; sign in again.' : 'Invalid token; sign in again.');
      }
    },
  };
}
