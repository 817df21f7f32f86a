// The two example sagas on simulated devices: order processing (inventory, payment and shipping on
// three devices, orchestrated from a phone) and playback hand-off (phone to TV).
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../sdk/src/main/ets/core/index';
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { SimNetwork } from '../../sdk/src/main/ets/transport/index';
import { MeshNode } from '../../sdk/src/main/ets/mesh/index';
import {
  HandoffPhoneService, HandoffTvService, SagaLedgerState, SagaOrchestrator, SagaStatus, SagaTransitionType,
  orderSagaInput, playbackHandoffDefinition, playbackHandoffInput, sagaIdempotencyKey, type SagaExecution,
} from '../../sdk/src/main/ets/saga/index';
import { drive, pass } from './harness';
import { OrderMesh } from './sagaMesh';

const order = (id: string, quantity = 1, amount = 49900) => orderSagaInput(id, 'tv-55', quantity, 'alice', amount, 'Main St 1');

const orderMesh = async (seed: string, stock = 5, balance = 100000) => {
  const m = new OrderMesh(seed);
  await m.boot();
  await m.inventory.setStock('tv-55', stock);
  await m.payment.setBalance('alice', balance);
  return m;
};

describe('example: order processing across three devices', () => {
  it('reserves, charges and ships', async () => {
    const m = await orderMesh('order-ok');
    const e = await drive(m.clock, m.orch.run(m.def, order('o-1', 2), { idempotencyKey: 'o-1' }));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(await m.inventory.stock('tv-55')).toBe(3);
    expect(await m.payment.balance('alice')).toBe(100000 - 49900);
    expect(await m.shipping.shipment('o-1')).toMatchObject({ orderId: 'o-1', address: 'Main St 1' });
    expect(e.outputs['reserve-stock']).toEqual({ reservationId: sagaIdempotencyKey(e.id, 'reserve-stock'), sku: 'tv-55', quantity: 2 });
    expect(e.outputs['charge-card']).toMatchObject({ amount: 49900 });
    expect(e.committed).toBe(true);
  }, 30000);

  it('compensates an order the warehouse cannot fill, or the card cannot pay', async () => {
    const m = await orderMesh('order-fail', 1, 30000);
    const noStock = await drive(m.clock, m.orch.run(m.def, order('o-2', 3)));
    expect(noStock.status).toBe(SagaStatus.COMPENSATED);
    expect(noStock.error).toMatchObject({ code: ErrorCode.SAGA_STEP_REJECTED });
    expect(noStock.error!.message).toContain('out of stock');
    const noMoney = await drive(m.clock, m.orch.run(m.def, order('o-3', 1, 49900)));
    expect(noMoney.status).toBe(SagaStatus.COMPENSATED);
    expect(noMoney.error!.message).toContain('insufficient funds');
    expect(await m.inventory.stock('tv-55')).toBe(1);
    expect(await m.payment.balance('alice')).toBe(30000);
    expect(await m.shipping.shipments()).toBe(0);
    expect((await m.inventory.ledger.entry(sagaIdempotencyKey(noMoney.id, 'reserve-stock')))!.state).toBe(SagaLedgerState.COMPENSATED);
  }, 30000);

  it('retries shipping through an outage; a longer outage leaves the order STUCK until an operator retries', async () => {
    const m = await orderMesh('order-outage');
    m.setShippingAvailable(false);
    const id = await drive(m.clock, m.orch.start(m.def, order('o-4')));
    await pass(m.clock, 1500, 50);
    m.setShippingAvailable(true);
    const e = await drive(m.clock, m.orch.wait(id));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(e.step('ship-order')!.attempts).toBeGreaterThan(1);

    m.setShippingAvailable(false);
    const stuck = await drive(m.clock, m.orch.run(m.def, order('o-5')));
    expect(stuck.status).toBe(SagaStatus.STUCK);
    expect(stuck.stuckStep).toBe('ship-order');
    expect(m.stuck.has(stuck.id)).toBe(true);
    expect(await m.payment.balance('alice')).toBe(100000 - 2 * 49900); // charged: the order must ship, not roll back
    m.setShippingAvailable(true);
    await drive(m.clock, m.orch.retry(stuck.id, 'courier is back'));
    const done = await drive(m.clock, m.orch.wait(stuck.id));
    expect(done.status).toBe(SagaStatus.COMPLETED);
    expect(await m.shipping.shipments()).toBe(2);
  }, 60000);

  it('20 concurrent orders for 10 TVs: 10 ship, 10 are compensated, nothing is lost or double-counted', async () => {
    const m = await orderMesh('order-rush', 10, 10_000_000);
    const ids = await drive(m.clock, Promise.all(Array.from({ length: 20 }, (_, i) => m.orch.start(m.def, order(`rush-${i}`)))));
    const results: SagaExecution[] = await drive(m.clock, Promise.all(ids.map((id) => m.orch.wait(id))));
    const byStatus = new Map<string, number>();
    for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ completed: 10, compensated: 10 });
    expect(await m.inventory.stock('tv-55')).toBe(0);
    expect(await m.payment.balance('alice')).toBe(10_000_000 - 10 * 49900);
    expect(await m.shipping.shipments()).toBe(10);
    expect((await m.orch.counts()).completed).toBe(10);
  }, 60000);
});

describe('example: playback hand-off from the phone to the TV', () => {
  const setup = async (seed: string) => {
    const clock = new VirtualClock({ startTime: 0 });
    const random = new SeededRandom(seed);
    const net = new SimNetwork({ clock, random: random.fork('net') });
    const stores = { phone: new MemoryStore(), tv: new MemoryStore() };
    const phone = MeshNode.create({ deviceId: 'phone', deviceType: 'phone', transport: net.attach('phone'), clock, random: random.fork('phone'), store: stores.phone, seeds: ['tv'] });
    const tvNode = (life: number) => MeshNode.create({ deviceId: 'tv', deviceType: 'tv', transport: life === 0 ? net.attach('tv') : net.restart('tv'), clock, random: random.fork(`tv${life}`), store: stores.tv, seeds: ['phone'] });
    const player = new HandoffPhoneService(stores.phone, clock);
    player.provide(phone);
    let tv = tvNode(0);
    let screen = new HandoffTvService(stores.tv, clock);
    screen.provide(tv);
    await phone.start();
    await tv.start();
    for (let i = 0; i < 100 && phone.registry.discover('media.tv').length === 0; i++) await clock.advance(100);
    const def = playbackHandoffDefinition(player);
    const orch = new SagaOrchestrator({ node: phone, definitions: [def] });
    await player.play('Blue in Green', 93000);
    return {
      clock, net, orch, def, player, get screen() { return screen; },
      restartTv: async () => { tv = tvNode(1); screen = new HandoffTvService(stores.tv, clock); screen.provide(tv); await tv.start(); },
    };
  };

  it('reserves the TV and snapshots the phone in parallel, transfers, starts the TV, stops the phone', async () => {
    const h = await setup('handoff-ok');
    const e = await drive(h.clock, h.orch.run(h.def, playbackHandoffInput('living-room')));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect((await h.screen.state()).toJson()).toEqual({ session: 'living-room', track: 'Blue in Green', positionMs: 93000, playing: true });
    expect((await h.player.state()).playing).toBe(false);
    const firstStarts = e.history.filter((t) => t.type === SagaTransitionType.STEP_STARTED).slice(0, 2).map((t) => t.step);
    expect(firstStarts.sort()).toEqual(['reserve-tv', 'snapshot-phone']);
  }, 30000);

  it('leaves the phone playing and the TV free when the TV is busy', async () => {
    const h = await setup('handoff-busy');
    await h.screen.occupy('kids-cartoons');
    const e = await drive(h.clock, h.orch.run(h.def, playbackHandoffInput('living-room')));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(e.error!.message).toContain('busy with kids-cartoons');
    expect((await h.player.state()).playing).toBe(true);
    expect((await h.screen.state()).session).toBe('kids-cartoons');
  }, 30000);

  it('compensates when the TV crashes before playing, and the TV is released once it is back', async () => {
    const h = await setup('handoff-crash');
    const id = await drive(h.clock, h.orch.start(h.def, playbackHandoffInput('living-room')));
    // Crash the TV as soon as it holds the state, before it plays.
    for (let i = 0; i < 200; i++) {
      const s = await h.screen.state();
      if (s.track !== '') break;
      await h.clock.advance(1);
    }
    h.net.crash('tv');
    await pass(h.clock, 4000, 50);
    await h.restartTv();
    const e = await drive(h.clock, h.orch.wait(id));
    expect([SagaStatus.COMPENSATED, SagaStatus.COMPLETED]).toContain(e.status);
    const tv = await h.screen.state();
    if (e.status === SagaStatus.COMPENSATED) {
      expect(tv.toJson()).toEqual({ session: '', track: '', positionMs: 0, playing: false });
      expect((await h.player.state()).playing).toBe(true);
    } else {
      expect(tv.playing).toBe(true);
      expect((await h.player.state()).playing).toBe(false);
    }
  }, 30000);
});
