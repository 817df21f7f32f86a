// Publish -> deliver -> ack throughput, 1,000 messages of mixed priorities per operation, all in
// one process: the ArkMesh MessageQueue (in memory, and durable on a MemoryStore) against p-queue
// with priorities (sorted-array insert), fastq (FIFO, no priorities) and Node's EventEmitter
// dispatching the same payloads (the floor for in-process delivery: no queue, no acks).
import { EventEmitter } from 'node:events';
import PQueue from 'p-queue';
import fastq from 'fastq';
import { MemoryStore, SeededRandom, SystemClock } from '../../sdk/src/main/ets/platform/index';
import { MessageQueue, QueueDelivery } from '../../sdk/src/main/ets/messaging/index';
import { defineBench } from './harness';

const N = 1000;
const PRIORITIES = [0, 4, 9, 2, 7, 4, 1, 9, 5, 4];
interface Job { n: number; priority: number }
const jobs: Job[] = Array.from({ length: N }, (_, n) => ({ n, priority: PRIORITIES[n % PRIORITIES.length] }));

// The work every consumer does: a sum over the payloads (so nothing is optimised away).
let sink = 0;
const work = (job: Job): void => { sink += job.n; };

/** A queue with one subscription whose handler counts acks; `run()` publishes N and resolves when all are acked. */
const arkmesh = (durable: boolean): (() => Promise<void>) => {
  const queue = new MessageQueue({
    deviceId: 'bench', clock: new SystemClock(), random: new SeededRandom('bench'), durable,
    store: durable ? new MemoryStore() : undefined, defaults: { maxLength: 10 * N },
  });
  let remaining = 0;
  let done: () => void = () => {};
  queue.subscribe('jobs', (d: QueueDelivery) => {
    work(d.message.payload as unknown as Job);
    if (--remaining === 0) done();
  });
  return () => new Promise<void>((resolve) => {
    remaining = N;
    done = resolve;
    for (let i = 0; i < N; i++) {
      const job = jobs[i];
      void queue.publish('jobs', job as never, { priority: job.priority });
    }
  });
};

const pq = new PQueue({ concurrency: 1 });
const pqueue = async (): Promise<void> => {
  for (let i = 0; i < N; i++) {
    const job = jobs[i];
    void pq.add(() => work(job), { priority: job.priority });
  }
  await pq.onIdle();
};

const fq = fastq((job: Job, cb: (err: Error | null) => void) => { work(job); cb(null); }, 1);
const fastQueue = (): Promise<void> => new Promise<void>((resolve) => {
  fq.drain = resolve;
  for (let i = 0; i < N; i++) fq.push(jobs[i]);
});

const emitter = new EventEmitter();
emitter.on('job', work);
const emit = (): void => {
  for (let i = 0; i < N; i++) emitter.emit('job', jobs[i]);
};

const memoryQueue = arkmesh(false);
const durableQueue = arkmesh(true);

export default defineBench({
  name: 'messaging',
  cases: [
    {
      op: `publish->deliver->ack x${N}, mixed priorities, in memory`,
      arkmesh: memoryQueue,
      batch: N,
      peers: [
        { name: 'p-queue (priorities)', fn: pqueue },
        { name: 'fastq (FIFO)', fn: fastQueue },
        { name: 'EventEmitter (floor)', fn: emit },
      ],
    },
    {
      op: `publish->deliver->ack x${N}, mixed priorities, durable MemoryStore`,
      arkmesh: durableQueue,
      batch: N,
      peers: [
        { name: 'p-queue (priorities)', fn: pqueue },
        { name: 'EventEmitter (floor)', fn: emit },
      ],
    },
  ],
});

export const checksum = (): number => sink;
