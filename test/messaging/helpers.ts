// Test helpers: a standalone queue on a VirtualClock, and a way to let virtual time and promises move.
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MessageQueue, MessageQueueOptions } from '../../sdk/src/main/ets/messaging/index';

export interface Rig {
  clock: VirtualClock;
  store: MemoryStore;
  queue: MessageQueue;
  /** A new queue on the same store and clock (a restart of the device). */
  restart: (extra?: Partial<MessageQueueOptions>) => MessageQueue;
}

export const rig = (extra: Partial<MessageQueueOptions> = {}, seed = 'mq'): Rig => {
  const clock = new VirtualClock({ startTime: 0 });
  const store = new MemoryStore();
  const random = new SeededRandom(seed);
  let life = 0;
  const make = (more: Partial<MessageQueueOptions> = {}): MessageQueue =>
    new MessageQueue({ deviceId: 'dev', clock, random: random.fork(`life${life++}`), store, ...extra, ...more });
  const r: Rig = { clock, store, queue: make(), restart: (more) => { r.queue.close(); r.queue = make(more); return r.queue; } };
  return r;
};

/** Lets promise chains settle without moving time. */
export const settle = async (clock: VirtualClock): Promise<void> => {
  await clock.advance(0);
  await clock.advance(0);
};
