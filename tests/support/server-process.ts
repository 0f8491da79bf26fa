import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ServerProcess {
  child: ChildProcess;
  /** http://host:port, without /graphql. */
  url: string;
  exit: Promise<number | null>;
  log: string[];
}

/** The production entry point (dist/server/main.js) in its own process, ready once it logs "server ready". */
export function startServerProcess(dbUrl: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_MODE: 'test',
    DATABASE_URL: dbUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    SWEEP_INTERVAL_MS: '0',
    ...extraEnv,
  };
  // No TOKEN_SECRET: in APP_MODE=test every process uses the fixed test secret, so tokens work across them.
  const child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', 'server', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`the server process did not get ready:\n${log.join('\n')}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        log.push(line);
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'server ready') {
            clearTimeout(timer);
            resolve({ child, url: String(entry.url).replace(/\/graphql$/, ''), exit, log });
          }
        } catch {
          // not a JSON line
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited early (${code}):\n${log.join('\n')}`));
    });
  });
}
