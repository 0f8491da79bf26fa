import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** dist/tests/support → dist/server/main.js */
export const MAIN = path.resolve(__dirname, '..', '..', 'server', 'main.js');
export const PROJECT = path.resolve(__dirname, '..', '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  lines: Record<string, any>[];
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog(msg: string, timeoutMs: number): Promise<Record<string, any>>;
  /** Kills the process if it still runs. */
  kill(): Promise<void>;
}

/** Starts the real server entry point (`node dist/server/main.js`) with a clean environment plus `env`. */
export function startServerProcess(env: Record<string, string>): ServerProcess {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8' };
  const child = spawn(process.execPath, [MAIN], { cwd: PROJECT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, any>[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { msg: string; resolve(line: Record<string, any>): void }[] = [];
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const raw = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      stdout.push(raw);
      try {
        const line = JSON.parse(raw) as Record<string, any>;
        lines.push(line);
        for (const w of waiters.filter((x) => x.msg === line.msg)) w.resolve(line);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    stdout,
    stderr,
    exited,
    waitForLog(msg, timeoutMs) {
      const seen = lines.find((l) => l.msg === msg);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${msg}" log line within ${timeoutMs} ms.\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('')}`)),
          timeoutMs,
        );
        const done = (line: Record<string, any>) => {
          clearTimeout(timer);
          resolve(line);
        };
        waiters.push({ msg, resolve: done });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`server exited (code ${code}, signal ${signal}) before "${msg}".\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('')}`));
        });
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export function processesMentioning(text: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(text) && !l.includes('ps -eo'));
}

/** Polls `check` until it holds or `ms` pass; returns whether it held. */
export async function eventually(check: () => boolean | Promise<boolean>, ms: number, everyMs = 100): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

/** Stops every process still running in the data directories (a postgres left by a failed test). */
export function stopProcessesIn(dir: string): void {
  for (const line of processesMentioning(dir)) {
    const pid = Number(line.trim().split(/\s+/)[0]);
    if (pid) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // already gone
      }
    }
  }
}

/** The entry point on an existing database with the test defaults, once it logs "server ready"; `url` without /graphql. */
export async function startServerOn(dbUrl: string, env: Record<string, string> = {}): Promise<ServerProcess & { url: string }> {
  const started = startServerProcess({
    APP_MODE: 'test',
    DATABASE_URL: dbUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    SWEEP_INTERVAL_MS: '0',
    ...env,
  });
  const ready = await started.waitForLog('server ready', 20_000);
  return Object.assign(started, { url: String(ready.url).replace(/\/graphql$/, '') });
}
