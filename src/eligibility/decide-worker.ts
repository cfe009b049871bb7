// A worker thread deciding the families of a preparation: facts chunks in, decision lines out (decide-chunks.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkDecider, type DecideSetup } from './decide-chunks.ts';
import type { DecideRequest } from './decider.ts';

const decider = new ChunkDecider(workerData as DecideSetup);

parentPort?.on('message', ({ id, request }: { id: number; request: DecideRequest }) => {
  try {
    const result = request.chunk ? { lines: decider.decide(request.chunk) } : decider.finish();
    parentPort?.postMessage({ id, result });
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).message });
  }
});
