import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { AppError } from '../core/errors';
import { RateLimit } from '../core/rate-limit';
import { User } from '../modules/users/user.entity';
import { hashPassword } from '../modules/users/user.service';

export const WRONG_CREDENTIALS = 'Wrong username or password.';

interface SignInLimits {
  login: RateLimit;
  loginAccountAddress: RateLimit;
  loginAccount: RateLimit;
}

/**
 * The sign-in rules. Every attempt on an account is counted (atomically, in PostgreSQL) before its
 * password is checked, so parallel guesses get no more checks than the limit. The count is per
 * account and address (5 per 15 min) plus per account from anywhere (50 per hour): a stranger
 * locks an account only for their own address, and can block it elsewhere only by spending 50
 * guesses an hour. Usernames that do not exist are counted and answered the same way, and cost one
 * argon2 verification like a real one, so neither the answers nor their timing reveal which exist.
 */
export class SignIn {
  /** Password verifications run, for tests: real accounts' and the stand-in's. */
  passwordChecks = 0;
  standInChecks = 0;
  /** Hashed at start with the same parameters as real passwords, so an unknown user costs the same. */
  readonly standInHash: Promise<string>;

  constructor(
    private readonly db: DataSource,
    private readonly limits: SignInLimits,
  ) {
    this.standInHash = hashPassword(crypto.randomBytes(24).toString('base64'));
    this.standInHash.catch(() => undefined);
  }

  /** Resolves when the stand-in hash is ready (start-up waits for it). */
  async ready(): Promise<void> {
    await this.standInHash;
  }

  /** The user whose password this is, or UNAUTHENTICATED / RATE_LIMITED. */
  async verify(username: string, password: string, source: string): Promise<User> {
    await this.limits.login.check(source, 'sign-in attempts');
    if (typeof username !== 'string' || typeof password !== 'string' || username.length > 100 || password.length > 200) {
      throw AppError.unauthenticated(WRONG_CREDENTIALS);
    }
    const name = username.trim().toLowerCase();
    const here = `${name}|${source}`;
    const wait = (await this.limits.loginAccountAddress.take(here)) ?? (await this.limits.loginAccount.take(name));
    if (wait !== null) {
      throw RateLimit.refused(`Too many sign-in attempts for this account; try again in ${Math.ceil(wait / 60)} minute(s).`, wait);
    }

    const user = await this.db.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.username = :name', { name }).getOne();
    if (!user || !user.active) {
      this.standInChecks++;
      await argon2.verify(await this.standInHash, password).catch(() => false);
      throw AppError.unauthenticated(WRONG_CREDENTIALS);
    }
    this.passwordChecks++;
    if (!(await argon2.verify(user.passwordHash, password).catch(() => false))) throw AppError.unauthenticated(WRONG_CREDENTIALS);

    // The owner's success clears their address's count and does not use up the account's.
    await Promise.all([this.limits.loginAccountAddress.reset(here), this.limits.loginAccount.giveBack(name)]);
    await this.db.getRepository(User).update(user.id, { lastLoginAt: new Date() });
    return user;
  }
}
