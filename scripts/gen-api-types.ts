/**
 * Generates the web UI's API types from the OpenAPI document the server serves:
 * web/src/api-schema.gen.ts (openapi-typescript). The document is built by the real app over a
 * throwaway SQLite store, so it is exactly what /api/docs/json answers.
 *
 * Usage: npm run gen:api   (test/unit/api-types-drift.test.ts fails when the file is stale)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import * as prettier from 'prettier';
import { loadConfig } from '../src/config/index.ts';
import { createServices } from '../src/services/container.ts';
import { Hub } from '../src/realtime/hub.ts';
import { buildApp } from '../src/http/app.ts';
import { migrate, openStore } from '../src/store/open.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_FILE = join(root, 'web', 'src', 'api-schema.gen.ts');

const HEADER = `/**
 * GENERATED from the OpenAPI document (/api/docs/json) by scripts/gen-api-types.ts: do not edit.
 * Run \`npm run gen:api\` after changing a route's schema or the catalogue (src/http/openapi/).
 */
`;

/** The OpenAPI document, as the server answers it at /api/docs/json. */
export async function openApiDocument(): Promise<OpenAPI3> {
  const dir = mkdtempSync(join(tmpdir(), 'omnihook-openapi-'));
  const store = await openStore(`sqlite:${join(dir, 'openapi.db')}`);
  try {
    await migrate(store);
    const services = await createServices(loadConfig({ LOG_LEVEL: 'silent' }), store, new Hub());
    const app = await buildApp(services);
    try {
      await app.ready();
      const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
      if (res.statusCode !== 200) throw new Error(`/api/docs/json answered ${res.statusCode}`);
      return res.json() as OpenAPI3;
    } finally {
      await app.close();
      services.settings.stop();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The TypeScript of the document's types, formatted as the repository formats code. */
export async function renderApiTypes(doc: OpenAPI3): Promise<string> {
  // The one runtime value the UI needs from the document: the event types, in the server's order.
  const eventTypes = (doc.components?.schemas?.EventType as { enum?: string[] } | undefined)?.enum;
  if (!eventTypes?.length) throw new Error('the document has no EventType component');
  const inject =
    "/** The CRM event types, in the server's order (its domain list, through the document). */\n" +
    `export const EVENT_TYPES = ${JSON.stringify(eventTypes)} as const satisfies readonly components['schemas']['EventType'][];\n`;
  const ast = await openapiTS(doc, { alphabetize: true, inject });
  const source = HEADER + astToString(ast);
  const options = (await prettier.resolveConfig(GENERATED_FILE)) ?? {};
  return prettier.format(source, { ...options, filepath: GENERATED_FILE });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await renderApiTypes(await openApiDocument());
  writeFileSync(GENERATED_FILE, text);
  process.stdout.write(`wrote ${GENERATED_FILE} (${text.length} bytes)\n`);
}
