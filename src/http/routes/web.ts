/**
 * The web UI, built by scripts/build-web.ts into web/dist: the staff app at `/` (SPA routes
 * /login and /omnichannel/*), the widget demo at /widget, the widget itself at /widget/frame and
 * the embeddable /widget/embed.js. Hashed assets are served by @fastify/static under /assets/.
 *
 * Only these paths are claimed: /livechat (the official Rocket.Chat widget), /api, /metrics and
 * /websocket belong to other modules. HTML is read per request, so a rebuild while the server
 * runs is picked up; without a build every UI path answers a 503 page saying how to build.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { RouteRegistrar } from '../schemas.ts';
import { PACKAGE_ROOT } from '../../version.ts';

const DIST = join(PACKAGE_ROOT, 'web/dist');
// Our icon, read from the source tree so it is there without a UI build (the API docs use it too).
const FAVICON = join(PACKAGE_ROOT, 'web/public/favicon.svg');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Omnihook: UI not built</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>The web UI is not built</h1>
<p>Omnihook serves its UI from <code>web/dist</code>, which is missing. Build it with
<code>npm run build:web</code> (or start with <code>npm start</code>, which builds when needed), then reload.</p>
<p>The API is up: <a href="/api/info">/api/info</a>, <a href="/api/docs">/api/docs</a>.</p></body></html>`;

async function sendFile(reply: FastifyReply, file: string, type: string) {
  let body: Buffer;
  try {
    body = await readFile(join(DIST, file));
  } catch {
    return reply.status(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
  }
  // HTML and embed.js have stable names: always revalidate so a new build is seen at once.
  return reply.type(type).header('cache-control', 'no-cache').send(body);
}

export const webRoutes: RouteRegistrar = async (app) => {
  const hide = { schema: { hide: true } };
  const staff = (_req: unknown, reply: FastifyReply) => sendFile(reply, 'index.html', 'text/html; charset=utf-8');
  for (const path of ['/', '/login', '/omnichannel', '/omnichannel/*']) app.get(path, hide, staff);
  app.get('/widget', hide, (_req, reply) => sendFile(reply, 'widget/index.html', 'text/html; charset=utf-8'));
  app.get('/widget/frame', hide, (_req, reply) => sendFile(reply, 'widget/frame.html', 'text/html; charset=utf-8'));
  // The notification sound both widgets play (scripts/make-sound.ts; config.resources.sound).
  app.get('/widget/notification.wav', hide, (_req, reply) => {
    reply.header('access-control-allow-origin', '*');
    return sendFile(reply, 'widget/notification.wav', 'audio/wav');
  });
  app.get('/widget/embed.js', hide, (_req, reply) => {
    reply.header('access-control-allow-origin', '*'); // the tag is embedded on other sites
    return sendFile(reply, 'widget/embed.js', 'application/javascript; charset=utf-8');
  });

  app.get('/favicon.svg', hide, async (_req, reply) =>
    reply
      .type('image/svg+xml')
      .header('cache-control', 'public, max-age=86400')
      .send(await readFile(FAVICON)),
  );
  // browsers ask for /favicon.ico on pages that name no icon (the API docs): send them to ours
  app.get('/favicon.ico', hide, (_req, reply) => reply.redirect('/favicon.svg', 301));

  if (existsSync(join(DIST, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(DIST, 'assets'),
      prefix: '/assets/',
      decorateReply: false, // other modules may register @fastify/static too
      index: false,
      immutable: true, // file names carry a content hash
      maxAge: '365d',
      schemaHide: true,
    });
  } else {
    app.get('/assets/*', hide, (_req, reply) => reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT));
  }
};
