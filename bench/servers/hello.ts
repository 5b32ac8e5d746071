/** Baseline: Fastify's hello world (`GET /` -> {hello:'world'}), no logger, in its own process. */
import Fastify from 'fastify';
import { childReady } from '../lib/child.ts';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
childReady(typeof addr === 'object' && addr ? addr.port : 0, () => app.close());
