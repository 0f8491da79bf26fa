import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../app/bootstrap';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../core/logger';
import { systemActor } from '../modules/audit/audit.trail';
import { OrgFileError, readOrgFile } from './org-file';
import { formatPlan, loadOrg, planOrg } from './org-loader';

const USAGE = `usage: npm run load-org -- <file.json> [--dry-run] [--json]
  Creates and updates the organisation (Opds, SLA policies, categories, holidays, service posts) from a file,
  in one transaction. --dry-run shows what would change and changes nothing. Nothing is ever deleted:
  what the database has and the file lacks is listed. Example file: deploy/org/kota-magelang.json`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const file = path.resolve(positionals[0]);
  const org = readOrgFile(file);
  const dryRun = values['dry-run']!;
  const config = loadConfig(process.env, { secrets: false });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const { db, embedded } = await openDatabase(config, log);
  try {
    let plan;
    if (dryRun) {
      // A dry run changes nothing, migrations included: on a database without the schema yet, plan against an empty one.
      const [{ migrated, exists }] = await db.query(
        `SELECT to_regclass('public.migrations') IS NOT NULL AS migrated, to_regclass('public.opd') IS NOT NULL AS exists`,
      );
      const pending = !migrated || (await db.showMigrations());
      if (pending && !values.json) console.log('note: the database has pending migrations; a real run applies them first');
      plan = exists ? await loadOrg(db, org, { dryRun }) : await planOrg(null, org);
    } else {
      const ran = await db.runMigrations({ transaction: 'each' });
      if (ran.length && !values.json) console.log(`migrations applied: ${ran.map((m) => m.name).join(', ')}`);
      plan = await loadOrg(db, org, { dryRun, actor: systemActor(`load-org ${path.basename(file)} (${os.userInfo().username}@${os.hostname()})`) });
    }
    if (values.json) console.log(JSON.stringify({ file, dryRun, plan }, null, 2));
    else console.log(`${org.name ?? 'organisation'} from ${file}${dryRun ? ' (dry run)' : ''}\n${formatPlan(plan, { dryRun })}`);
    return 0;
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    // A bad file or setting is the operator's to fix: say what, without a stack trace.
    console.error(err instanceof OrgFileError || err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
