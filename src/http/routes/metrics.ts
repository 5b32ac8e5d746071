/**
 * GET /metrics, Prometheus text. Who may scrape: with METRICS_TOKEN set, a request carrying
 * `Authorization: Bearer <token>`; without it, only clients on loopback (a local Prometheus or
 * sidecar), so metrics never leak endpoint ids to the internet by default.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { RouteRegistrar } from '../schemas.ts';
import { deliveryMetrics, livechatMetrics } from '../../services/metrics.ts';
import { fail } from '../../domain/errors.ts';
import { sameSecret } from '../../domain/secrets.ts';

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

export const metricsRoutes: RouteRegistrar = (app, s) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'omnihook_process_' });
  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics' } }, async (request, reply) => {
    const token = s.config.metricsToken;
    if (token) {
      const auth = request.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7), token))
        fail('unauthorized', 'A valid metrics bearer token is required');
    } else if (!isLoopback(request.ip)) {
      fail('error-unauthorized', 'Set METRICS_TOKEN to scrape metrics from another host');
    }
    const text = (await deliveryMetrics(s)) + (await livechatMetrics(s)) + (await registry.metrics());
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return text;
  });
};
