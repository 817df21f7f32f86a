import { describe, expect, it } from 'vitest';
import {
  EventFilterOptions, EventStore, Projection, ProjectionRunner, RecordedEvent, SubscriptionState,
} from '../../sdk/src/main/ets/eventstore/index';
import { AggregateRepository } from '../../sdk/src/main/ets/eventstore/index';
import { Order } from './Order';
import { ev, rig } from './fixtures';

/** Open orders per customer and revenue: a read model kept in memory. */
class OrdersByCustomer extends Projection {
  open = new Map<string, Set<string>>();
  customerOf = new Map<string, string>();
  lastPosition = 0;
  applied = 0;
  resets = 0;

  constructor() { super('orders-by-customer'); }

  get filter(): EventFilterOptions { return { streamPrefix: 'order-' }; }

  async handle(e: RecordedEvent): Promise<void> {
    if (e.position <= this.lastPosition) return; // redelivery: already applied
    this.lastPosition = e.position;
    this.applied++;
    const data = e.data as Record<string, string>;
    if (e.type === 'OrderCreated') {
      this.customerOf.set(e.streamId, data.customer);
      const set = this.open.get(data.customer) ?? new Set<string>();
      set.add(e.streamId);
      this.open.set(data.customer, set);
    } else if (e.type === 'OrderCancelled' || e.type === '$streamDeleted' || (e.type === 'StatusChanged' && data.to === 'delivered')) {
      this.open.get(this.customerOf.get(e.streamId) ?? '')?.delete(e.streamId);
    }
  }

  async reset(): Promise<void> {
    this.open.clear();
    this.customerOf.clear();
    this.lastPosition = 0;
    this.resets++;
  }

  openOf(customer: string): string[] { return Array.from(this.open.get(customer) ?? []).sort(); }
}

const seed = async (store: EventStore): Promise<void> => {
  const repo = new AggregateRepository<Order>(store, { category: 'order', create: (id) => new Order(id) });
  await repo.update('1', (o) => { o.create('ann'); o.addItem('a', 1, 100); });
  await repo.update('2', (o) => { o.create('ann'); o.addItem('b', 1, 100); });
  await repo.update('3', (o) => o.create('bob'));
  await store.append('cart-9', [ev('ItemAdded')]);
  await repo.update('2', (o) => o.cancel('duplicate'));
};

describe('projections', () => {
  it('catches up from the log, then follows live appends', async () => {
    const { store } = rig();
    await seed(store);
    const p = new OrdersByCustomer();
    const runner = new ProjectionRunner(store, p);
    const sub = runner.start();
    await sub.caughtUp();
    expect(p.openOf('ann')).toEqual(['order-1']);
    expect(p.openOf('bob')).toEqual(['order-3']);
    await store.deleteStream('order-3');
    await sub.idle();
    expect(p.openOf('bob')).toEqual([]);
    expect(runner.start()).toBe(sub);
    expect(await store.checkpoints.load('projection/orders-by-customer')).toBe(await store.headPosition());
  });

  it('resumes from its checkpoint after a restart', async () => {
    const { store, reopen } = rig();
    await seed(store);
    const p = new OrdersByCustomer();
    const runner = new ProjectionRunner(store, p);
    await runner.start().idle();
    await runner.stop();
    const appliedBefore = p.applied;
    const store2 = reopen();
    await store2.append('order-4', [ev('OrderCreated', { customer: 'cy' })]);
    const runner2 = new ProjectionRunner(store2, p);
    await runner2.start().idle();
    expect(p.applied - appliedBefore).toBe(1);
    expect(p.openOf('cy')).toEqual(['order-4']);
  });

  it('rebuilds from zero: reset, then every stored event again', async () => {
    const { store } = rig();
    await seed(store);
    const p = new OrdersByCustomer();
    const runner = new ProjectionRunner(store, p);
    await runner.start().idle();
    // Corrupt the model, then rebuild it.
    p.open.clear();
    const sub = await runner.rebuild();
    await sub.caughtUp();
    expect(p.resets).toBe(1);
    expect(p.openOf('ann')).toEqual(['order-1']);
    expect(p.openOf('bob')).toEqual(['order-3']);
    await store.append('order-5', [ev('OrderCreated', { customer: 'bob' })]);
    await sub.idle();
    expect(p.openOf('bob')).toEqual(['order-3', 'order-5']);
    await runner.stop();
    expect(sub.state).toBe(SubscriptionState.STOPPED);
  });

  it('validates its arguments', () => {
    const { store } = rig();
    expect(() => new ProjectionRunner(store, {} as Projection)).toThrow('projection');
  });
});
