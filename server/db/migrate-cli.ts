import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../core/logger';
import { openDatabase } from '../app/bootstrap';
import { loadConfig } from '../config';
import { pendingSchemaChanges } from './drift';

const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'migrations');

async function main() {
  const [command = 'run', name = 'Change'] = process.argv.slice(2);
  const config = loadConfig(process.env, { secrets: false });
  const log = createLogger(process.env.LOG_LEVEL ?? 'info');
  const { db, embedded } = await openDatabase(config, log);
  try {
    if (command === 'run') {
      const ran = await db.runMigrations({ transaction: 'each' });
      console.log(ran.length ? `applied: ${ran.map((m) => m.name).join(', ')}` : 'database is up to date');
    } else if (command === 'revert') {
      // One step only: reverting further is a deliberate, repeated act.
      const [last] = await db.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
      if (!last) {
        console.log('no migration to revert');
        return;
      }
      await db.undoLastMigration({ transaction: 'each' });
      console.log(`reverted: ${last.name}`);
    } else if (command === 'generate') {
      await db.runMigrations({ transaction: 'each' });
      const { up, down } = await pendingSchemaChanges(db);
      if (!up.length) {
        console.log('entities and migrations agree; nothing to generate');
        return;
      }
      const stamp = Date.now();
      const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${stamp}`;
      const file = path.join(MIGRATIONS_DIR, `${stamp}-${name}.ts`);
      const lines = (qs: { query: string; parameters?: unknown[] }[]) =>
        qs
          .map(
            (q) => `    await q.query(\`${q.query.replace(/[`\\$]/g, (c) => `\\${c}`)}\`${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
          )
          .join('\n');
      fs.writeFileSync(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
          `export class ${className} implements MigrationInterface {\n  name = '${className}';\n\n` +
          `  async up(q: QueryRunner): Promise<void> {\n${lines(up)}\n  }\n\n` +
          `  async down(q: QueryRunner): Promise<void> {\n${lines(down)}\n  }\n}\n`,
      );
      console.log(`wrote ${file}: review it before committing`);
    } else {
      throw new Error(`unknown command "${command}" (use run, revert or generate <Name>)`);
    }
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
