#!/usr/bin/env node
// Checks the console's translations: every key of react-admin's English messages
// (ra-language-english) and of our en.ts must exist in id.ts (and the reverse for en.ts
// domain keys), every %{placeholder} of the English text must be kept, and every enum
// value in src/enums.ts must have a label. Exits 1 on any problem.
//
//   node admin/scripts/check-i18n.mjs
//
// The .ts locale files are compiled in memory with esbuild (shipped with vite).
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(here, '../src');

const load = async (entry) => {
  const result = await build({
    entryPoints: [resolve(src, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
};

const flatten = (obj, prefix = '', out = new Map()) => {
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') flatten(value, path, out);
    else out.set(path, value);
  }
  return out;
};

const placeholders = (text) => new Set(String(text).match(/%\{[a-zA-Z_]+\}/g) ?? []);

const [{ default: english }, { default: en }, { default: id }, { ENUMS }] = await Promise.all([
  import('ra-language-english').catch(() => load('../../node_modules/ra-language-english/dist/index.js')),
  load('i18n/en.ts'),
  load('i18n/id.ts'),
  load('enums.ts'),
]);

const raKeys = flatten(english);
const enKeys = flatten(en);
const idKeys = flatten(id);
const problems = [];

for (const [key] of raKeys) {
  if (!idKeys.has(key)) problems.push(`id.ts is missing react-admin key ${key}`);
  else if (typeof idKeys.get(key) !== 'string') problems.push(`id.ts: ${key} is not a string`);
}
for (const [key] of enKeys) {
  if (!idKeys.has(key)) problems.push(`id.ts is missing key ${key} (from en.ts)`);
}
for (const [key] of idKeys) {
  if (!enKeys.has(key)) problems.push(`en.ts is missing key ${key} (from id.ts)`);
}
for (const [key, text] of enKeys) {
  if (!idKeys.has(key)) continue;
  const kept = placeholders(idKeys.get(key));
  for (const p of placeholders(text)) {
    if (!kept.has(p)) problems.push(`id.ts: ${key} lacks placeholder ${p}`);
  }
  if (String(idKeys.get(key)).trim() === '' && String(text).trim() !== '') {
    problems.push(`id.ts: ${key} is empty`);
  }
}
for (const [enumName, values] of Object.entries(ENUMS)) {
  for (const value of values) {
    for (const [name, keys] of [
      ['id.ts', idKeys],
      ['en.ts', enKeys],
    ]) {
      if (!keys.has(`enums.${enumName}.${value}`)) problems.push(`${name} is missing enums.${enumName}.${value}`);
    }
  }
}

if (problems.length > 0) {
  console.error(`i18n check failed (${problems.length} problem(s)):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(
  `i18n OK: ${raKeys.size} react-admin keys, ${idKeys.size} keys in id.ts, ${enKeys.size} in en.ts, ` + `${Object.values(ENUMS).flat().length} enum labels`,
);
