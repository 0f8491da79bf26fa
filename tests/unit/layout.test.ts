import fs from 'node:fs';
import path from 'node:path';

/**
 * Imports run one way: server/core (what every module builds on) ← server/modules (the domain)
 * ← server/app (the wiring). Type-only imports are erased at run time and may name the
 * registries the Context carries; a value import against the grain fails here.
 */
const root = path.resolve(__dirname, '../../..');
const server = path.join(root, 'server');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Folders (under server/) this file imports values from. */
function valueImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)) {
    const target = path.relative(server, path.resolve(path.dirname(file), m[1]));
    found.push(target.split(path.sep)[0]);
  }
  return found;
}

test.each([
  ['core', ['app', 'modules', 'seed', 'main.ts']],
  ['modules', ['app', 'seed', 'main.ts']],
])('server/%s imports no values from %j', (layer, forbidden) => {
  const offenders = sources(path.join(server, layer)).flatMap((f) =>
    valueImports(f)
      .filter((t) => forbidden.includes(t) || forbidden.includes(`${t}.ts`))
      .map((t) => `${path.relative(root, f)} → ${t}`),
  );
  expect(offenders).toEqual([]);
});

test('the check sees value imports (it would catch one)', () => {
  expect(valueImports(path.join(server, 'app', 'bootstrap.ts'))).toContain('modules');
});

test('modules name their files by role: no <x>.module.ts holding inputs, service and resolver together', () => {
  expect(
    sources(path.join(server, 'modules'))
      .filter((f) => f.endsWith('.module.ts'))
      .map((f) => path.relative(root, f)),
  ).toEqual([]);
});
