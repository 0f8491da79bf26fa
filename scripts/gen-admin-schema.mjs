#!/usr/bin/env node
// Writes what the console needs from schema.graphql to admin/src/generated/:
// - schema-enums.ts: the values of every enum, so the console's enums and permissions come
//   from the schema the server publishes;
// - schema-introspection.json: the introspection result ra-data-graphql builds its queries
//   from, shipped with the build so no page load runs the introspection query.
// With --check it writes nothing and exits 1 when a file is stale (npm run lint).
import fs from 'node:fs';
import { buildSchema, GraphQLEnumType, introspectionFromSchema } from 'graphql';
import * as prettier from 'prettier';

const root = new URL('../', import.meta.url);
const schema = buildSchema(fs.readFileSync(new URL('schema.graphql', root), 'utf8'));

const enums = Object.values(schema.getTypeMap())
  .filter((type) => type instanceof GraphQLEnumType && !type.name.startsWith('__'))
  .sort((a, b) => a.name.localeCompare(b.name));
const body = enums
  .map(
    (e) =>
      `  ${e.name}: [${e
        .getValues()
        // Deprecated values are still accepted from old clients, never offered in the console.
        .filter((v) => !v.deprecationReason)
        .map((v) => `'${v.name}'`)
        .join(', ')}],`,
  )
  .join('\n');
const enumsSource = `// Generated from schema.graphql by scripts/gen-admin-schema.mjs (npm run schema). Do not edit.
export const SCHEMA_ENUMS = {
${body}
} as const;
`;

// Descriptions and the newer introspection fields are not read by the console (providers/buildQuery.ts): left out, fewer bytes.
const { __schema } = introspectionFromSchema(schema, {
  descriptions: false,
  specifiedByUrl: false,
  directiveIsRepeatable: false,
  schemaDescription: false,
  inputValueDeprecation: false,
  oneOf: false,
});
const introspectionSource = JSON.stringify(__schema);

const outputs = [
  { file: 'admin/src/generated/schema-enums.ts', source: enumsSource, summary: `${enums.length} enums` },
  { file: 'admin/src/generated/schema-introspection.json', source: introspectionSource, summary: `${__schema.types.length} types` },
];

let stale = false;
for (const { file, source, summary } of outputs) {
  const path = new URL(file, root).pathname;
  const text = await prettier.format(source, { ...(await prettier.resolveConfig(path)), filepath: path });
  if (process.argv.includes('--check')) {
    if (!fs.existsSync(path) || fs.readFileSync(path, 'utf8') !== text) {
      console.error(`${file} is stale: run \`node scripts/gen-admin-schema.mjs\` (or \`npm run schema\`) and commit it.`);
      stale = true;
    } else {
      console.log(`${file} OK: ${summary}`);
    }
  } else {
    fs.writeFileSync(path, text);
    console.log(`wrote ${file} (${summary})`);
  }
}
if (stale) process.exit(1);
