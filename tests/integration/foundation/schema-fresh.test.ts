import fs from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../../../server/app/schema';

/** The committed schema, from dist/tests/integration/foundation back to the source tree. */
const COMMITTED = path.resolve(__dirname, '..', '..', '..', '..', 'schema.graphql');

test('the committed schema.graphql matches the schema the server builds', async () => {
  const actual = printAppSchema(await buildAppSchema());
  const committed = fs.readFileSync(COMMITTED, 'utf8');
  if (actual !== committed) {
    const a = actual.split('\n');
    const c = committed.split('\n');
    const first = a.findIndex((line, i) => line !== c[i]);
    throw new Error(
      `schema.graphql is stale: run \`npm run schema\` and commit the result.\n` +
        `First difference at line ${first + 1}:\n  committed: ${c[first] ?? '<end of file>'}\n  built:     ${a[first] ?? '<end of file>'}`,
    );
  }
  expect(actual).toBe(committed);
});
