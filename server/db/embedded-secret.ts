import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'lapor-token-secret';

/**
 * The embedded demo's token secret: 48 random bytes written on first start into the embedded
 * data directory (mode 0600, so only the server's OS user reads it) and read again on every
 * later start, so tokens survive a restart and no secret from the source code ever signs them.
 * Deleting the data directory resets the demo and its secret together.
 */
export function embeddedTokenSecret(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside, then linked into place: link fails when the file exists, so two processes starting
    // at once keep the first one's secret, and no reader ever sees a half-written file.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, `${crypto.randomBytes(48).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (fewer than 32 characters): delete it to have a new one generated`);
  return secret;
}
