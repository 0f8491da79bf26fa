import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../app/bootstrap';
import { Role } from '../auth/roles';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../core/logger';
import { auditedCreate, systemActor } from '../modules/audit/audit.trail';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../core/strength';
import { Opd } from '../modules/opds/opd.entity';
import { User } from '../modules/users/user.entity';
import { hashPassword } from '../modules/users/user.service';
import { readSecretLine } from './prompt';

const USAGE = `usage: npm run create-superadmin -- --username NAME --name "Full Name" --opd OPD_CODE [--email E] [--phone P]
  Creates a SUPERADMIN account in the Opd with that code (load the organisation first: npm run load-org).
  The password is asked twice on a terminal (not shown), or read from SUPERADMIN_PASSWORD for automation.
  Weak passwords are refused; an existing username is never changed.`;

class UsageError extends Error {}

async function password(username: string, name: string): Promise<string> {
  const fromEnv = process.env.SUPERADMIN_PASSWORD;
  if (!fromEnv && !process.stdin.isTTY) throw new UsageError('no password: run this in a terminal to be asked, or set SUPERADMIN_PASSWORD');
  // Load the word lists before asking, so no pause between the prompts lets typed-ahead keys echo.
  if (!fromEnv) passwordProblem('x'.repeat(MIN_PASSWORD_LENGTH), { username: '' });
  const pw = fromEnv || (await readSecretLine(`Password for ${username}: `));
  const problem = passwordProblem(pw, { username, name });
  if (problem) throw new UsageError(`the password ${problem}`);
  if (!fromEnv && (await readSecretLine('Repeat the password: ')) !== pw) throw new UsageError('the two passwords differ');
  return pw;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      opd: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const username = values.username?.trim() ?? '';
  const name = values.name?.trim() ?? '';
  const opdCode = values.opd?.trim() ?? '';
  if (!/^[a-z0-9][a-z0-9._-]{2,59}$/.test(username))
    throw new UsageError(`--username must be 3–60 lower-case letters, digits, dot, dash or underscore\n${USAGE}`);
  if (name.length < 2 || name.length > 200) throw new UsageError(`--name must have 2–200 characters\n${USAGE}`);
  if (!opdCode) throw new UsageError(`--opd is required (the code of the Opd the account belongs to)\n${USAGE}`);
  const pw = await password(username, name);

  const config = loadConfig(process.env, { secrets: false });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const { db, embedded } = await openDatabase(config, log);
  try {
    await db.runMigrations({ transaction: 'each' });
    const passwordHash = await hashPassword(pw);
    const user = await db.transaction(async (tx) => {
      const opd = await tx.getRepository(Opd).findOneBy({ code: opdCode });
      if (!opd) throw new UsageError(`--opd: no Opd with code "${opdCode}"; load the organisation first (npm run load-org -- deploy/org/<city>.json)`);
      if (!opd.active) throw new UsageError(`--opd: ${opd.name} (${opdCode}) is not active`);
      if (await tx.getRepository(User).existsBy({ username })) throw new UsageError(`--username: "${username}" already exists; nothing was changed`);
      const actor = systemActor(`create-superadmin (${os.userInfo().username}@${os.hostname()})`);
      return auditedCreate(tx, actor, User, () =>
        tx.getRepository(User).save({
          username,
          name,
          role: Role.SUPERADMIN,
          opdId: opd.id,
          email: values.email?.trim() || null,
          phone: values.phone?.trim() || null,
          passwordHash,
        }),
      );
    });
    console.log(`created SUPERADMIN ${user.username} (id ${user.id}) in ${opdCode}`);
    return 0;
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const known = err instanceof UsageError || err instanceof ConfigError;
    console.error(known ? `create-superadmin: ${err.message}` : err);
    process.exit(1);
  },
);
