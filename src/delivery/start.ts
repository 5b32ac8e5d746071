/** Placeholder wiring until the worker lands: main.ts calls startWorker. */
import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/container.ts';

export interface RunningWorker {
  stop(): Promise<void>;
}

export function startWorker(_services: Services, _log: FastifyBaseLogger): RunningWorker {
  return { stop: async () => undefined };
}
