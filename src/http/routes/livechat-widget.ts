/**
 * Serves the official Rocket.Chat Livechat widget (@rocket.chat/livechat, unmodified) the way
 * Rocket.Chat does (docs/rocketchat-widget.md, 'Serving the widget'):
 * - GET /livechat (no trailing slash: the build's script URLs are relative `livechat/…`) is the
 *   package's index.html with SERVER_URL defined right after <body>;
 * - GET /livechat/<file> is every file of build/, including the host-page loader
 *   rocketchat-livechat.min.js;
 * - CSP frame-ancestors comes from Livechat_AllowedDomainsList ('' = any site may embed it).
 * Also /avatar/<username>, a generated initial, so the widget's agent avatar is not a 404.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { RouteRegistrar } from '../schemas.ts';
import type { SettingsService } from '../../services/settings.ts';
import { fail } from '../../domain/errors.ts';

const require = createRequire(import.meta.url);
export const WIDGET_BUILD_DIR = join(dirname(require.resolve('@rocket.chat/livechat/package.json')), 'build');

const MIME: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The server URL is derived in the page from its own address rather than from the request: the
 * page is always served by this server, so its origin (plus any path prefix a reverse proxy adds)
 * is right even behind TLS termination, where the request itself looks like plain http.
 */
const SERVER_URL_SCRIPT =
  "<script>SERVER_URL = window.location.origin + window.location.pathname.replace(/\\/livechat\\/?$/, '');</script>";

/** CSP host-sources from the setting; anything that is not a plain source expression is dropped. */
export function frameAncestors(list: string): string | undefined {
  const entries = list
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d.length > 0);
  if (entries.length === 0) return undefined;
  const safe = entries.filter((d) => /^[A-Za-z0-9*.:/\-[\]]+$/.test(d) && d.length <= 255);
  return `frame-ancestors 'self' ${safe.join(' ')}`.trim();
}

function frameHeaders(reply: FastifyReply, settings: SettingsService): void {
  const csp = frameAncestors(settings.get('Livechat_AllowedDomainsList'));
  if (csp) reply.header('content-security-policy', csp);
  reply.header('x-content-type-options', 'nosniff');
}

function initialAvatar(username: string): string {
  const letter = (username.match(/[A-Za-z0-9]/)?.[0] ?? '?').toUpperCase();
  let hash = 0;
  for (const ch of username) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" fill="hsl(${hue},45%,45%)"/>` +
    `<text x="32" y="42" font-family="sans-serif" font-size="30" fill="#fff" text-anchor="middle">${letter}</text></svg>`
  );
}

export const livechatWidgetRoutes: RouteRegistrar = (app, s) => {
  // The build never changes while the process runs: list it once, read each file on first use.
  const files = new Set(readdirSync(WIDGET_BUILD_DIR).filter((f) => !f.startsWith('.')));
  const cache = new Map<string, Buffer>();
  const load = async (name: string): Promise<Buffer> => {
    let buf = cache.get(name);
    if (!buf) {
      buf = await readFile(join(WIDGET_BUILD_DIR, name));
      cache.set(name, buf);
    }
    return buf;
  };
  let indexHtml: string | undefined;

  app.get('/livechat', { schema: { hide: true } }, async (_request, reply) => {
    indexHtml ??= (await load('index.html')).toString('utf8').replace('<body>', `<body>${SERVER_URL_SCRIPT}`);
    frameHeaders(reply, s.settings);
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });

  // `/livechat/` would resolve the relative chunk URLs to /livechat/livechat/…: send people to /livechat.
  app.get('/livechat/', { schema: { hide: true } }, async (request, reply) => {
    const q = request.url.indexOf('?');
    return reply.redirect(`/livechat${q >= 0 ? request.url.slice(q) : ''}`, 301);
  });

  const serveFile = async (name: string, reply: FastifyReply) => {
    if (!files.has(name)) fail('error-not-found', `No widget file ${name}`);
    const body = await load(name);
    // Hashed chunk names never change content; the loader and the html do.
    const hashed = /\.[0-9a-f]{5}\.(js|css)$/.test(name) || /^[0-9a-f]{32}\.png$/.test(name);
    frameHeaders(reply, s.settings);
    return reply
      .header('content-type', MIME[extname(name)] ?? 'application/octet-stream')
      .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
      .send(body);
  };

  app.get<{ Params: { file: string } }>('/livechat/:file', { schema: { hide: true } }, async (request, reply) =>
    serveFile(request.params.file, reply),
  );
  // The CSS names its background image relative to itself (livechat/<hash>.png): serve that too.
  app.get<{ Params: { file: string } }>(
    '/livechat/livechat/:file',
    { schema: { hide: true } },
    async (request, reply) => serveFile(request.params.file, reply),
  );

  app.get<{ Params: { username: string } }>('/avatar/:username', { schema: { hide: true } }, async (request, reply) =>
    reply
      .header('content-type', 'image/svg+xml')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=3600')
      .send(initialAvatar(request.params.username.slice(0, 64))),
  );
};
