// Messaging across devices on a SimNetwork: consumer groups on any device, crashes of consumers
// and publishers, partitions, restarts, trace context across devices.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../sdk/src/main/ets/platform/index';
import {
  AckMode, DeadLetterReason, MessagingPlugin, QueueDelivery,
} from '../../sdk/src/main/ets/messaging/index';
import { InMemorySpanExporter, SimpleSpanProcessor, SpanKind, TracerProvider } from '../../sdk/src/main/ets/tracing/index';
import { MeshNode } from '../../sdk/src/main/ets/mesh/index';
import { MqCluster } from './cluster';

describe('messaging across devices', () => {
  it('delivers to consumer groups on other devices; one consumer per group, every group', async () => {
    const c = new MqCluster('groups');
    const phone = await c.add('phone');
    const tv = await c.add('tv');
    const tablet = await c.add('tablet');
    const watch = await c.add('watch');
    const got = new Map<string, string[]>();
    const handler = (who: string) => (d: QueueDelivery) => { got.set(who, [...(got.get(who) ?? []), String(d.message.payload)]); };
    tv.queue.subscribe('photos', handler('tv'), { group: 'gallery' });
    tablet.queue.subscribe('photos', handler('tablet'), { group: 'gallery' });
    watch.queue.subscribe('photos', handler('watch'), { group: 'notify' });
    expect(await c.until(() => c.knowsConsumers('phone', 'photos', 'gallery', 2) && c.knowsConsumers('phone', 'photos', 'notify', 1))).toBeLessThan(5000);
    const receipts = [];
    for (let i = 0; i < 20; i++) receipts.push(await phone.queue.publish('photos', `p${i}`));
    expect([...receipts[0].groups].sort()).toEqual(['gallery', 'notify']);
    await c.clock.advance(500);
    const gallery = [...(got.get('tv') ?? []), ...(got.get('tablet') ?? [])].sort();
    expect(gallery).toEqual(receipts.map((_, i) => `p${i}`).sort());
    expect(got.get('tv')!.length).toBeGreaterThan(0);
    expect(got.get('tablet')!.length).toBeGreaterThan(0);
    expect(got.get('watch')).toEqual(receipts.map((_, i) => `p${i}`));
    expect(phone.queue.depth('photos')).toBe(0);
    await phone.queue.flush();
    expect(c.stores.get('phone')!.dump().filter((e) => e.key.startsWith('arkmesh/mq/phone/m/'))).toEqual([]);
  });

  it('redelivers to another consumer when one crashes holding a message (visibility timeout)', async () => {
    const c = new MqCluster('crash-consumer', undefined, { defaults: { visibilityTimeoutMs: 2000 } });
    const phone = await c.add('phone');
    const tv = await c.add('tv');
    const tablet = await c.add('tablet');
    const handled: string[] = [];
    // tv never answers (it crashes while holding the delivery); tablet handles.
    tv.queue.subscribe('jobs', () => new Promise<void>(() => {}), { group: 'w' });
    await c.until(() => c.knowsConsumers('phone', 'jobs', 'w', 1));
    await phone.queue.publish('jobs', 'j1');
    await c.clock.advance(100);
    expect(phone.queue.stats('jobs')[0].groups[0].inFlight).toBe(1);
    c.crash('tv');
    tablet.queue.subscribe('jobs', (d) => { handled.push(`${d.message.payload}#${d.deliveryCount}`); }, { group: 'w' });
    await c.clock.advance(3000);
    expect(handled).toEqual(['j1#2']);
    expect(phone.queue.depth('jobs')).toBe(0);
  });

  it('a restarted publisher resumes pending, delayed and in-flight messages from its store', async () => {
    const c = new MqCluster('restart-publisher');
    let phone = await c.add('phone');
    const tv = await c.add('tv');
    const got: string[] = [];
    let block = true;
    tv.queue.subscribe('t', async (d) => {
      if (block) await new Promise<void>(() => {});
      got.push(String(d.message.payload));
    }, { group: 'g', ackMode: AckMode.AUTO, concurrency: 5 });
    await c.until(() => c.knowsConsumers('phone', 't', 'g', 1));
    await phone.queue.publish('t', 'in-flight');
    await phone.queue.publish('t', 'delayed', { delayMs: 10000 });
    await c.clock.advance(100);
    c.crash('phone');
    block = false;
    await c.clock.advance(1000);
    phone = await c.add('phone');
    await phone.queue.ready;
    expect(phone.queue.depth('t')).toBe(2);
    await c.clock.advance(15000);
    expect(got.sort()).toEqual(['delayed', 'in-flight']);
    expect(phone.queue.depth('t')).toBe(0);
  });

  it('redelivers after a partition heals', async () => {
    const c = new MqCluster('partition', undefined, { defaults: { visibilityTimeoutMs: 1000, maxAttempts: 100 } });
    const phone = await c.add('phone');
    const tv = await c.add('tv');
    const got: string[] = [];
    tv.queue.subscribe('t', (d) => { got.push(String(d.message.payload)); }, { group: 'g' });
    await c.until(() => c.knowsConsumers('phone', 't', 'g', 1));
    const cut = c.net.partition(['phone'], ['tv']);
    for (let i = 0; i < 5; i++) await phone.queue.publish('t', i);
    await c.clock.advance(20000);
    expect(got).toEqual([]);
    expect(phone.queue.depth('t')).toBe(5);
    c.net.heal(cut);
    expect(await c.until(() => phone.queue.depth('t') === 0, 60000)).toBeLessThan(60000);
    expect([...new Set(got)].sort()).toEqual(['0', '1', '2', '3', '4']);
  });

  it('carries trace context from the publish span to the delivery span on another device', async () => {
    const exporter = new InMemorySpanExporter();
    const c = new MqCluster('trace');
    const tracerFor = (id: string) => new TracerProvider({ random: new SeededRandom(`ids-${id}`), clock: c.clock,
      processors: [new SimpleSpanProcessor(exporter)] }).getTracer('arkmesh');
    const phone = await c.add('phone', { tracer: tracerFor('phone') });
    const tv = await c.add('tv', { tracer: tracerFor('tv') });
    let inner = '';
    tv.queue.subscribe('t', (d) => { inner = d.span!.spanContext().traceId; }, { group: 'g' });
    await c.until(() => c.knowsConsumers('phone', 't', 'g', 1));
    const receipt = await phone.queue.publish('t', 'x');
    await c.clock.advance(200);
    const spans = exporter.getFinishedSpans();
    const publish = spans.find((s) => s.kind === SpanKind.PRODUCER)!;
    const deliver = spans.find((s) => s.kind === SpanKind.CONSUMER)!;
    expect(publish.name).toBe('publish t');
    expect(deliver.name).toBe('process t');
    expect(deliver.spanContext().traceId).toBe(publish.spanContext().traceId);
    expect(deliver.parentSpanId).toBe(publish.spanContext().spanId);
    expect(inner).toBe(publish.spanContext().traceId);
    expect(deliver.attributes['messaging.message.id']).toBe(receipt.messageId);
    expect(deliver.attributes['messaging.consumer.group.name']).toBe('g');
  });

  it('survives the wire codec: every delivery and outcome serialised, headers, keys and priorities intact', async () => {
    const c = new MqCluster('wire', { loss: 0.05 }, { defaults: { visibilityTimeoutMs: 500, maxAttempts: 50 } }, true);
    const phone = await c.add('phone');
    const tv = await c.add('tv');
    const got: string[] = [];
    tv.queue.subscribe('t', (d) => {
      got.push(`${JSON.stringify(d.message.payload)}|${d.message.headers['x-user']}|${d.message.orderingKey}|${d.message.priority}|${d.message.publisher}`);
      if (d.deliveryCount === 1 && (d.message.payload as { n: number }).n === 2) throw new Error('once');
    }, { group: 'g' });
    await c.until(() => c.knowsConsumers('phone', 't', 'g', 1));
    for (let n = 0; n < 4; n++) {
      await phone.queue.publish('t', { n, text: 'ü "quoted" \n' }, { headers: { 'X-User': 'ann' }, orderingKey: 'k', priority: 7 });
    }
    expect(await c.until(() => phone.queue.depth('t') === 0, 60000)).toBeLessThan(60000);
    const unique = [...new Set(got)];
    expect(unique).toEqual([0, 1, 2, 3].map((n) => `${JSON.stringify({ n, text: 'ü "quoted" \n' })}|ann|k|7|phone`));
    expect(c.net.stats.bytesSent).toBeGreaterThan(0);
  });

  it('installs as a plugin', async () => {
    const c = new MqCluster('plugin');
    const plugin = new MessagingPlugin({ defaults: { maxAttempts: 1 } });
    const node = MeshNode.create({ deviceId: 'solo', deviceType: 'pc', transport: c.net.attach('solo'), clock: c.clock,
      random: new SeededRandom('solo'), plugins: [plugin] });
    expect(plugin.queue.deviceId).toBe('solo');
    await node.start();
    plugin.queue.subscribe('t', () => { throw new Error('no'); });
    await plugin.queue.publish('t', 1);
    await c.clock.advance(10);
    expect(plugin.queue.deadLetters('t').map((d) => d.reason)).toEqual([DeadLetterReason.MAX_ATTEMPTS]);
    await node.stop();
    expect(plugin.queue.running).toBe(false);
  });
});
