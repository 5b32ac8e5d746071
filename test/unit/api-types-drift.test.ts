/**
 * The web UI's API types are generated from the OpenAPI document; this fails when
 * web/src/api-schema.gen.ts no longer matches what the server's document generates.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, openApiDocument, renderApiTypes } from '../../scripts/gen-api-types.ts';

describe('generated API types', () => {
  it('match the OpenAPI document the server serves', async () => {
    const expected = await renderApiTypes(await openApiDocument());
    const actual = readFileSync(GENERATED_FILE, 'utf8');
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      const line = e.findIndex((l, i) => l !== a[i]);
      expect.fail(
        `web/src/api-schema.gen.ts is stale: run \`npm run gen:api\` and commit the result ` +
          `(first difference at line ${line + 1}: expected ${JSON.stringify(e[line])}, found ${JSON.stringify(a[line])})`,
      );
    }
  });
});
