import fs from 'node:fs';
import { adminQuery, TEMPLATE_DB } from './databases';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __embeddedPg?: { stop(): Promise<void> }; __embeddedDir?: string };
  if (g.__embeddedPg) {
    await g.__embeddedPg.stop();
    if (g.__embeddedDir) fs.rmSync(g.__embeddedDir, { recursive: true, force: true });
  } else if (process.env.TEST_PG_ADMIN_URL) {
    await adminQuery(process.env.TEST_PG_ADMIN_URL, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`).catch(() => undefined);
  }
}
