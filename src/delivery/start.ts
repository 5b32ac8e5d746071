/** Starts the delivery worker in this process (main.ts builds its deps). */
import { DeliveryWorker } from './worker.ts';
import type { WorkerOptions } from './worker.ts';
import type { WorkerDeps } from './ports.ts';

export interface RunningWorker {
  stop(): Promise<void>;
}

export function startWorker(deps: WorkerDeps, opts: WorkerOptions = {}): RunningWorker & { worker: DeliveryWorker } {
  const worker = new DeliveryWorker(deps, opts);
  worker.start();
  return { worker, stop: () => worker.stop() };
}
