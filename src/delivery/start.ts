/** Entry point main.ts calls: starts the delivery worker in this process. */
import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services/container.ts';
import { DeliveryWorker } from './worker.ts';
import type { WorkerOptions } from './worker.ts';

export interface RunningWorker {
  stop(): Promise<void>;
}

export function startWorker(services: Services, log: FastifyBaseLogger, opts: WorkerOptions = {}): RunningWorker & { worker: DeliveryWorker } {
  const worker = new DeliveryWorker(services, log, opts);
  worker.start();
  return { worker, stop: () => worker.stop() };
}
