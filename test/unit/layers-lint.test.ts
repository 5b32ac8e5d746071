// The layer rule of docs/architecture.md, as enforced by eslint.config.js: every forbidden arrow is
// an import-x/no-restricted-paths zone, kysely's `sql` stays in src/store/, and runtime import cycles
// are errors. Each case lints a probe file placed (virtually, through lintText) inside a layer that
// imports a REAL file of another layer, so deleting or weakening a zone in the config fails here.
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = (p: string): string => join(repoRoot, 'src', p);
const configFile = join(repoRoot, 'eslint.config.js');

// Real files that outlive the restructure, one per layer.
const T = {
  domain: 'domain/errors.ts',
  models: 'domain/models.ts',
  config: 'config/index.ts',
  store: 'store/schema.ts',
  services: 'services/settings.ts',
  http: 'http/app.ts',
  realtime: 'realtime/hub.ts',
  delivery: 'delivery/worker.ts',
  version: 'version.ts',
  main: 'main.ts',
  cli: 'cli.ts',
  // No file of these exists (yet): the probe resolver below resolves them by path alone, which is
  // all no-restricted-paths looks at.
  deliveryHttp: 'delivery/http/__lint_virtual__.ts',
  unmapped: 'unmapped/__lint_virtual__.ts',
} as const;

// Layer folders where probe files are placed.
const layers = {
  domain: 'domain',
  config: 'config',
  store: 'store',
  delivery: 'delivery',
  deliveryHttp: 'delivery/http',
  services: 'services',
  realtime: 'realtime',
  http: 'http',
} as const;
type Layer = keyof typeof layers;

const probePath = (layer: Layer): string => src(`${layers[layer]}/__lint_probe__.ts`);

/** A relative `.ts` specifier from `fromFile` to `src/<target>`, as the code base writes them. */
function specifier(fromFile: string, target: string): string {
  const rel = relative(dirname(fromFile), src(target)).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

// Resolves the virtual targets above (files that need not exist); everything else goes to the
// same TypeScript resolver the repo config uses. Only settings are overridden, never a rule's options.
const probeResolver = {
  interfaceVersion: 3 as const,
  name: 'lint-probe-resolver',
  resolve(modulePath: string, sourceFile: string) {
    return modulePath.includes('__lint_virtual__')
      ? { found: true, path: resolve(dirname(sourceFile), modulePath) }
      : { found: false };
  },
};

let eslint: ESLint;
let eslintNoIgnore: ESLint;

beforeAll(() => {
  const overrideConfig: Linter.Config[] = [
    {
      files: ['src/**/*.ts'],
      settings: {
        'import-x/resolver-next': [
          probeResolver,
          createTypeScriptImportResolver({ project: join(repoRoot, 'tsconfig.json') }),
        ],
      },
      rules: {
        // Every probe's import must resolve, or a "no error" result would prove nothing.
        'import-x/no-unresolved': 'error',
        // The zone probes need no cycle check (it would parse all of src/); cycles are tested below.
        'import-x/no-cycle': 'off',
      },
    },
  ];
  eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: configFile, overrideConfig });
  // test/fixtures/ is ignored by `npm run lint`; the cycle fixtures are linted here on purpose.
  eslintNoIgnore = new ESLint({ cwd: repoRoot, overrideConfigFile: configFile, ignore: false });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result, `${filePath} was not linted (ignored?)`).toBeDefined();
  const messages = result!.messages;
  const fatal = messages.filter((m) => m.fatal || m.ruleId === 'import-x/no-unresolved');
  expect(fatal, `probe did not parse or resolve:\n${code}`).toEqual([]);
  return messages;
}

/** The no-restricted-paths messages reported for a probe in `from` importing `src/<target>`. */
async function zoneMessages(fromFile: string, target: string, kind: 'value' | 'type' = 'value'): Promise<string[]> {
  const spec = specifier(fromFile, target);
  const code =
    kind === 'type'
      ? `import type * as target from '${spec}';\nexport type Target = typeof target;\n`
      : `import * as target from '${spec}';\nexport { target };\n`;
  const messages = await lint(fromFile, code);
  return messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

// [layer the probe is in, target file, the zone's message must start with this]
const forbidden: [Layer | 'version', keyof typeof T, string][] = [
  ['domain', 'config', 'domain must not import config'],
  ['domain', 'store', 'domain must not import store'],
  ['domain', 'delivery', 'domain must not import delivery'],
  ['domain', 'services', 'domain must not import services'],
  ['domain', 'realtime', 'domain must not import realtime'],
  ['domain', 'http', 'domain must not import http'],

  ['config', 'store', 'config must not import store'],
  ['config', 'delivery', 'config must not import delivery'],
  ['config', 'services', 'config must not import services'],
  ['config', 'realtime', 'config must not import realtime'],
  ['config', 'http', 'config must not import http'],

  ['store', 'delivery', 'store must not import delivery'],
  ['store', 'services', 'store must not import services'],
  ['store', 'realtime', 'store must not import realtime'],
  ['store', 'http', 'store must not import http'],

  ['delivery', 'services', 'delivery must not import services'],
  ['delivery', 'realtime', 'delivery must not import realtime'],
  ['delivery', 'http', 'delivery must not import http'],

  ['deliveryHttp', 'store', 'delivery/http is a leaf and must not import store'],
  ['deliveryHttp', 'delivery', 'delivery/http is a leaf and must not import the rest of delivery'],

  ['services', 'delivery', 'services must not import delivery (only its delivery/http leaf)'],
  ['services', 'realtime', 'services must not import realtime'],
  ['services', 'http', 'services must not import http'],

  ['realtime', 'config', 'realtime must not import config'],
  ['realtime', 'store', 'realtime must not import store'],
  ['realtime', 'delivery', 'realtime must not import delivery'],
  ['realtime', 'services', 'realtime must not import services'],
  ['realtime', 'http', 'realtime must not import http'],

  ['http', 'store', 'http must not import store'],
  ['http', 'delivery', 'http must not import delivery'],

  ['version', 'domain', 'version.ts is a leaf and must not import from src/'],
  ['services', 'main', 'main.ts and cli.ts are composition roots'],
  ['domain', 'unmapped', 'imports a file under src/ that belongs to no layer'],
];

// The delivery zones cover the leaf too: delivery/http inherits every "delivery must not" arrow.
const inherited: [Layer, keyof typeof T, string][] = [
  ['deliveryHttp', 'services', 'delivery must not import services'],
  ['deliveryHttp', 'realtime', 'delivery must not import realtime'],
  ['deliveryHttp', 'http', 'delivery must not import http'],
  ['http', 'deliveryHttp', 'http must not import delivery'],
  ['store', 'deliveryHttp', 'store must not import delivery'],
  ['realtime', 'deliveryHttp', 'realtime must not import delivery'],
  ['http', 'cli', 'main.ts and cli.ts are composition roots'],
];

const allowed: Record<Layer | 'main' | 'cli', (keyof typeof T)[]> = {
  domain: ['domain', 'models', 'version'],
  config: ['config', 'domain', 'version'],
  store: ['store', 'domain', 'config', 'version'],
  delivery: ['delivery', 'store', 'domain', 'config', 'version', 'deliveryHttp'],
  deliveryHttp: ['deliveryHttp', 'domain', 'config', 'version'],
  services: ['services', 'store', 'domain', 'config', 'version', 'deliveryHttp'],
  realtime: ['realtime', 'models', 'version'],
  http: ['http', 'services', 'realtime', 'domain', 'config', 'version'],
  main: ['domain', 'config', 'store', 'delivery', 'deliveryHttp', 'services', 'realtime', 'http', 'version'],
  cli: ['domain', 'config', 'store', 'delivery', 'services', 'realtime', 'http', 'version', 'main'],
};

const fileOf = (layer: Layer | 'version' | 'main' | 'cli'): string =>
  layer === 'version' || layer === 'main' || layer === 'cli' ? src(T[layer]) : probePath(layer);

describe('layer zones (import-x/no-restricted-paths)', () => {
  it.each(forbidden)('%s -> %s is reported', async (from, target, message) => {
    const reported = await zoneMessages(fileOf(from), T[target]);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain(` ${message}`);
  });

  it.each(inherited)('%s -> %s is reported (delivery/http is part of delivery)', async (from, target, message) => {
    const reported = await zoneMessages(fileOf(from), T[target]);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain(` ${message}`);
  });

  it('reports type-only imports across a forbidden arrow too', async () => {
    const reported = await zoneMessages(probePath('delivery'), T.services, 'type');
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain(' delivery must not import services');
    const fromHttp = await zoneMessages(probePath('http'), T.store, 'type');
    expect(fromHttp).toHaveLength(1);
    expect(fromHttp[0]).toContain(' http must not import store');
  });

  describe('allowed imports produce no zone error', () => {
    const cases = Object.entries(allowed).flatMap(([from, targets]) =>
      targets.map((target) => [from as Layer | 'main' | 'cli', target] as const),
    );
    it.each(cases)('%s -> %s', async (from, target) => {
      expect(await zoneMessages(fileOf(from), T[target])).toEqual([]);
      expect(await zoneMessages(fileOf(from), T[target], 'type')).toEqual([]);
    });
  });

  it('every zone in the config has a forbidden case above', async () => {
    const config = (await eslint.calculateConfigForFile(probePath('domain'))) as Linter.Config;
    const rule = config.rules?.['import-x/no-restricted-paths'] as [unknown, { zones: { message: string }[] }];
    const zones = rule[1].zones.map((z) => z.message);
    const tested = forbidden.map(([, , message]) => message);
    const untested = zones.filter((message) => !tested.some((t) => message.startsWith(t)));
    expect(untested).toEqual([]);
    expect(zones).toHaveLength(tested.length);
  });
});

describe("kysely's sql stays in src/store/ (no-restricted-imports)", () => {
  const code = "import { sql } from 'kysely';\nexport const one = sql`select 1`;\n";
  const sqlMessages = async (filePath: string, text = code): Promise<string[]> =>
    (await lint(filePath, text)).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

  it.each(['services', 'delivery', 'deliveryHttp', 'http', 'realtime', 'domain', 'config'] as const)(
    'is reported in %s',
    async (layer) => {
      const reported = await sqlMessages(probePath(layer));
      expect(reported).toHaveLength(1);
      expect(reported[0]).toContain('SQL text belongs in src/store/');
    },
  );

  it('is reported in main.ts and through a namespace import', async () => {
    expect(await sqlMessages(src('main.ts'))).toHaveLength(1);
    const ns = "import * as k from 'kysely';\nexport const one = k.sql`select 1`;\n";
    expect(await sqlMessages(probePath('services'), ns)).toHaveLength(1);
  });

  it('is allowed in src/store/ and its subfolders', async () => {
    expect(await sqlMessages(probePath('store'))).toEqual([]);
    expect(await sqlMessages(src('store/outbox/__lint_probe__.ts'))).toEqual([]);
  });

  it("leaves kysely's typed builder allowed in services", async () => {
    const typed =
      "import type { Kysely, Transaction } from 'kysely';\nexport type Tx = Transaction<object> | Kysely<object>;\n";
    expect(await sqlMessages(probePath('services'), typed)).toEqual([]);
  });
});

describe('import cycles (import-x/no-cycle)', () => {
  const fixture = (name: string): string => join(repoRoot, 'test/fixtures/lint', name);

  it('reports a runtime cycle', async () => {
    const [result] = await eslintNoIgnore.lintFiles([fixture('cycle-a.ts')]);
    const cycles = result!.messages.filter((m) => m.ruleId === 'import-x/no-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toContain('Dependency cycle');
  });

  it('does not report a cycle made of `import type` only', async () => {
    const [result] = await eslintNoIgnore.lintFiles([fixture('type-cycle-a.ts')]);
    expect(result!.messages).toEqual([]);
  });

  it('is on for src/ and the fixtures stay out of `npm run lint`', async () => {
    const plain = new ESLint({ cwd: repoRoot, overrideConfigFile: configFile });
    const config = (await plain.calculateConfigForFile(probePath('services'))) as Linter.Config;
    expect(config.rules?.['import-x/no-cycle']).toMatchObject([2, { ignoreExternal: true }]);
    expect(await plain.isPathIgnored(fixture('cycle-a.ts'))).toBe(true);
    expect(await plain.isPathIgnored(probePath('services'))).toBe(false);
  });
});
