import { openDatabase } from '../app/bootstrap';
import { createLogger } from '../core/logger';
import { loadConfig } from '../config';
import { seedDemo } from './seed';

async function main() {
  const config = loadConfig(process.env, { secrets: false });
  if (config.mode === 'production') throw new Error('npm run seed loads demo data and demo accounts; it refuses to run in production mode.');
  const log = createLogger(process.env.LOG_LEVEL ?? 'info');
  const { db, embedded } = await openDatabase(config, log);
  try {
    await db.runMigrations({ transaction: 'each' });
    const seeded = await seedDemo(db, log, { demoAccounts: true });
    console.log(seeded ? 'demo data loaded' : 'database already has data; nothing seeded');
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
