#!/usr/bin/env node
// Writes the values of every enum in schema.graphql to admin/src/generated/schema-enums.ts,
// so the console's enums and permissions come from the schema the server publishes.
// With --check it writes nothing and exits 1 when the file is stale (npm run lint).
import fs from 'node:fs';
import { buildSchema, GraphQLEnumType } from 'graphql';
import * as prettier from 'prettier';

const root = new URL('../', import.meta.url);
const target = new URL('admin/src/generated/schema-enums.ts', root);
const schema = buildSchema(fs.readFileSync(new URL('schema.graphql', root), 'utf8'));

const enums = Object.values(schema.getTypeMap())
  .filter((type) => type instanceof GraphQLEnumType && !type.name.startsWith('__'))
  .sort((a, b) => a.name.localeCompare(b.name));
const body = enums
  .map(
    (e) =>
      `  ${e.name}: [${e
        .getValues()
        .map((v) => `'${v.name}'`)
        .join(', ')}],`,
  )
  .join('\n');
const source = `// Generated from schema.graphql by scripts/gen-admin-schema.mjs (npm run schema). Do not edit.
export const SCHEMA_ENUMS = {
${body}
} as const;
`;
const path = target.pathname;
const text = await prettier.format(source, { ...(await prettier.resolveConfig(path)), filepath: path });

if (process.argv.includes('--check')) {
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) {
    console.error('admin/src/generated/schema-enums.ts is stale: run `node scripts/gen-admin-schema.mjs` (or `npm run schema`) and commit it.');
    process.exit(1);
  }
  console.log(`schema enums OK: ${enums.length} enums`);
} else {
  fs.writeFileSync(target, text);
  console.log(`wrote admin/src/generated/schema-enums.ts (${enums.length} enums)`);
}
