// Lint rules: typescript-eslint's recommended set; the type checker (tsc --noEmit) does the rest.
// On top of it, the layer rule of docs/architecture.md ("The rule"):
//   http -> services -> store -> domain, delivery -> store -> domain, realtime -> domain;
//   services may use the delivery/http leaf; only main.ts (and cli.ts) import everything.
// Each forbidden arrow is one import-x/no-restricted-paths zone below; test/unit/layers-lint.test.ts
// lints a probe import across every zone, so removing or breaking one fails the tests.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

// Layers are folders (or files) under src/, relative to `root`. delivery/http is the leaf of
// delivery: a delivery/http zone adds to the delivery zones, it never replaces them.
const L = {
  domain: 'src/domain',
  config: 'src/config',
  store: 'src/store',
  delivery: 'src/delivery',
  deliveryHttp: 'src/delivery/http',
  services: 'src/services',
  realtime: 'src/realtime',
  http: 'src/http',
  version: 'src/version.ts',
  main: 'src/main.ts',
  cli: 'src/cli.ts',
  // the CLI's commands, one file each: part of the composition root cli.ts
  cliCommands: 'src/cli',
};
const roots = [L.main, L.cli, L.cliCommands];

/** One zone per forbidden arrow: files in `target` must not import files in `from`. */
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

export const layerZones = [
  // domain -> domain, version.ts only: pure TypeScript, no I/O.
  zone(L.domain, L.config, 'domain must not import config: pass values in as arguments.'),
  zone(L.domain, L.store, 'domain must not import store: domain is pure, the store depends on it.'),
  zone(L.domain, L.delivery, 'domain must not import delivery: move the shared type or rule into domain/.'),
  zone(L.domain, L.services, 'domain must not import services: services depend on domain, not the reverse.'),
  zone(L.domain, L.realtime, 'domain must not import realtime: live-event types belong in domain/.'),
  zone(L.domain, L.http, 'domain must not import http: the HTTP layer depends on domain, not the reverse.'),

  // config -> config, domain, version.ts.
  zone(L.config, L.store, 'config must not import store: config is read before the store opens.'),
  zone(L.config, L.delivery, 'config must not import delivery: delivery reads config, not the reverse.'),
  zone(L.config, L.services, 'config must not import services: services read config, not the reverse.'),
  zone(L.config, L.realtime, 'config must not import realtime: realtime may import domain only.'),
  zone(L.config, L.http, 'config must not import http: http reads config, not the reverse.'),

  // store -> store, domain, config, version.ts.
  zone(L.store, L.delivery, 'store must not import delivery: delivery depends on the store; move the type to domain/.'),
  zone(L.store, L.services, 'store must not import services: services open transactions on the store.'),
  zone(L.store, L.realtime, 'store must not import realtime: publish live events from services through a port.'),
  zone(L.store, L.http, 'store must not import http: http never touches the database, nor the reverse.'),

  // delivery (incl. the delivery/http leaf) -> delivery, store, domain, config, version.ts.
  zone(L.delivery, L.services, 'delivery must not import services: depend on a port in delivery/ports.ts.'),
  zone(L.delivery, L.realtime, 'delivery must not import realtime: depend on a port in delivery/ports.ts.'),
  zone(L.delivery, L.http, 'delivery must not import http: the worker is not part of the HTTP API.'),
  // delivery/http (the leaf) -> delivery/http, domain, config, version.ts.
  zone(L.deliveryHttp, L.store, 'delivery/http is a leaf and must not import store: take data as arguments.'),
  zone(
    L.deliveryHttp,
    L.delivery,
    'delivery/http is a leaf and must not import the rest of delivery: services import it, so it stays small.',
    ['./http'],
  ),

  // services -> services, store, domain, config, version.ts, and the delivery/http leaf.
  zone(
    L.services,
    L.delivery,
    'services must not import delivery (only its delivery/http leaf): the worker depends on ports, not on services.',
    ['./http'],
  ),
  zone(L.services, L.realtime, 'services must not import realtime: publish live events through a port.'),
  zone(L.services, L.http, 'services must not import http: http calls services, not the reverse.'),

  // realtime -> realtime, domain, version.ts.
  zone(L.realtime, L.config, 'realtime must not import config: realtime imports domain only; pass values in.'),
  zone(L.realtime, L.store, 'realtime must not import store: realtime never touches the database.'),
  zone(L.realtime, L.delivery, 'realtime must not import delivery: realtime imports domain only.'),
  zone(L.realtime, L.services, 'realtime must not import services: realtime imports domain only.'),
  zone(L.realtime, L.http, 'realtime must not import http: http uses the hub, not the reverse.'),

  // http -> http, services, realtime, domain, config, version.ts.
  zone(L.http, L.store, 'http must not import store: http never touches the database; call a service.'),
  zone(L.http, L.delivery, 'http must not import delivery: call a service.'),

  // version.ts is a leaf anyone may import; it imports nothing from src/.
  zone(L.version, 'src', 'version.ts is a leaf and must not import from src/.', ['./version.ts']),

  // Only main.ts and cli.ts are composition roots; no layer imports them.
  zone(
    [L.domain, L.config, L.store, L.delivery, L.services, L.realtime, L.http, L.version],
    roots,
    'main.ts and cli.ts are composition roots: nothing imports them.',
  ),

  // Every imported file under src/ belongs to a layer, so a new folder cannot sidestep the zones.
  zone(
    'src',
    'src',
    'imports a file under src/ that belongs to no layer: put it in a layer folder or add the folder to eslint.config.js.',
    [
      './domain',
      './config',
      './store',
      './delivery',
      './services',
      './realtime',
      './http',
      './version.ts',
      './main.ts',
      './cli.ts',
      './cli',
    ],
  ),
];

export default tseslint.config(
  // test/fixtures/ holds deliberate violations (a dependency cycle for the lint test): never linted here.
  { ignores: ['node_modules/', 'data/', 'dist/', 'web/dist/', 'test-artifacts/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'test/fixtures/lint/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.json` })],
    },
    rules: {
      // Runtime cycles only: `import type` is erased, so import-x skips it here (not in the zones).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // Zones report `import type` too: a type import across a forbidden arrow is a layer leak.
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', importNames: ['sql'], message: 'SQL text belongs in src/store/.' }],
        },
      ],
    },
  },
);
