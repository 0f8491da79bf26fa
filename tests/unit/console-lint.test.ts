import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The console's GraphQL documents are checked against schema.graphql by `npm run lint`.
const root = path.resolve(__dirname, '../../..');

// ESLint loads eslint.config.mjs with import(), which Jest's module sandbox refuses, so its
// Node API runs in a child process.
const LINT_STDIN = `
import { ESLint } from 'eslint';
import fs from 'node:fs';
const [result] = await new ESLint().lintText(fs.readFileSync(0, 'utf8'), { filePath: 'admin/src/lint-fixture.ts' });
console.log(JSON.stringify(result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId + ': ' + m.message)));
`;
const lint = async (code: string): Promise<string[]> =>
  JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', LINT_STDIN], { cwd: root, input: code, encoding: 'utf8' }));

const fixture = (field: string) => `import { gql } from '@apollo/client';

export const LATEST = gql\`
  query latest($perPage: Int) {
    complaints(perPage: $perPage) {
      items {
        id
        ${field}
      }
    }
  }
\`;
`;

test('a console document that matches the schema passes', async () => {
  expect(await lint(fixture('trackingCode'))).toEqual([]);
});

test('a console document asking for a field the schema lacks fails the lint', async () => {
  expect(await lint(fixture('trackingKode'))).toEqual([
    expect.stringContaining('@graphql-eslint/fields-on-correct-type: Cannot query field "trackingKode" on type "Complaint"'),
  ]);
});
