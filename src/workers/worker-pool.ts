// Worker threads answering requests by id: the shared plumbing of every pool that spreads work over cores.
import { type ResourceLimits, Worker } from 'node:worker_threads';

export interface WorkerPool<Request, Answer> {
  size: number;
  /** Sends a request to one worker (by number) and resolves with its answer. */
  ask(worker: number, request: Request): Promise<Answer>;
  /** Sends every worker a message that needs no answer, ahead of the requests sent after it. */
  tell(message: unknown): void;
  close(): Promise<void>;
}

/**
 * Starts `size` workers of `url`, each given its own data. A worker answers `{ id, request }` with
 * `{ id, result }` or `{ id, error }`; one crashing worker fails every pending and later request.
 */
export function createWorkerPool<Request, Answer>({
  url,
  size,
  workerData,
  resourceLimits,
  name,
}: {
  url: URL;
  size: number;
  /** Each worker's data at start; none when the workers are told what they need later (see tell). */
  workerData?: (worker: number) => unknown;
  resourceLimits?: ResourceLimits;
  /** Names the pool in error messages. */
  name: string;
}): WorkerPool<Request, Answer> {
  const workers = Array.from(
    { length: size },
    (_unused, worker) => new Worker(url, { workerData: workerData?.(worker), resourceLimits }),
  );
  const pending = new Map<number, { resolve(answer: Answer): void; reject(error: Error): void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  for (const worker of workers) {
    worker.on('message', (message: { id: number; result?: Answer; error?: string }) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(`${name}: ${message.error}`));
      else waiting?.resolve(message.result as Answer);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`${name}: a worker stopped (exit code ${code})`));
    });
  }
  return {
    size,
    ask(worker, request) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<Answer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[worker].postMessage({ id, request });
      });
    },
    tell(message) {
      for (const worker of workers) worker.postMessage(message);
    },
    async close() {
      failure ??= new Error(`${name}: the pool is closed`);
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
