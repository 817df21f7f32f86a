import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../sdk/src/main/ets/core/index';
import {
  DuplicateInstanceError, HealthStatus, InstanceCodec, InstanceEvent, InstanceEventType, InvalidVersionError, ServiceInstance,
  ServiceInstanceInit, ServiceRegistry,
} from '../../sdk/src/main/ets/registry/index';

const init = (over: Partial<ServiceInstanceInit> = {}): ServiceInstanceInit => ({
  id: 'media@phone', serviceName: 'media.player', version: '1.2.0', deviceId: 'phone', deviceType: 'phone', ...over,
});

const fieldOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as InvalidArgumentError).field;
  }
  return undefined;
};

describe('ServiceInstance validation', () => {
  it('names the offending field', () => {
    expect(fieldOf(() => ServiceInstance.create(init({ serviceName: '1bad' })))).toBe('instance.serviceName');
    expect(fieldOf(() => ServiceInstance.create(init({ serviceName: 'a..b' })))).toBe('instance.serviceName');
    expect(fieldOf(() => ServiceInstance.create(init({ id: '' })))).toBe('instance.id');
    expect(fieldOf(() => ServiceInstance.create(init({ id: 'has space' })))).toBe('instance.id');
    expect(fieldOf(() => ServiceInstance.create(init({ deviceType: '' })))).toBe('instance.deviceType');
    expect(fieldOf(() => ServiceInstance.create(init({ weight: 0 })))).toBe('instance.weight');
    expect(fieldOf(() => ServiceInstance.create(init({ weight: 1.5 })))).toBe('instance.weight');
    expect(fieldOf(() => ServiceInstance.create(init({ tags: ['ok', ''] })))).toBe('instance.tags[1]');
    expect(fieldOf(() => ServiceInstance.create(init({ metadata: { k: 5 as unknown as string } })))).toBe('instance.metadata.k');
    expect(fieldOf(() => ServiceInstance.create(init({ health: 'sick' as HealthStatus })))).toBe('instance.health');
    expect(() => ServiceInstance.create(init({ version: '1.2' }))).toThrow(InvalidVersionError);
    expect(fieldOf(() => ServiceInstance.create(init({ version: 'latest' })))).toBe('instance.version');
    const ok = ServiceInstance.create(init({ tags: ['a', 'a', 'b'], zone: 'living-room', weight: 3 }));
    expect(ok.tags).toEqual(['a', 'b']);
    expect(ok.semver.minor).toBe(2);
    expect(ok.effectiveHealth).toBe(HealthStatus.PASSING);
  });
});

describe('ServiceRegistry', () => {
  it('registers, discovers, filters and deregisters local instances', () => {
    const r = new ServiceRegistry('phone');
    const events: InstanceEvent[] = [];
    r.onChange((e) => events.push(e));
    const a = r.register(init({ id: 'a', tags: ['hd'], zone: 'kitchen' }));
    r.register(init({ id: 'b', version: '2.0.0', metadata: { codec: 'h265' } }));
    expect(() => r.register(init({ id: 'a' }))).toThrow(DuplicateInstanceError);
    expect(fieldOf(() => r.register(init({ id: 'a' })))).toBe('instance.id');
    expect(fieldOf(() => r.register(init({ id: 'c', deviceId: 'tv' })))).toBe('instance.deviceId');
    expect(r.discover('media.player').map((i) => i.id)).toEqual(['a', 'b']);
    expect(r.discover('media.player', { versionRange: '^1.0.0' }).map((i) => i.id)).toEqual(['a']);
    expect(r.discover('media.player', { tags: ['hd'] }).map((i) => i.id)).toEqual(['a']);
    expect(r.discover('media.player', { zone: 'kitchen', deviceType: 'phone' })).toEqual([a]);
    expect(r.discover('media.player', { metadata: { codec: 'h265' } }).map((i) => i.id)).toEqual(['b']);
    expect(r.discover('nope')).toEqual([]);
    expect(() => r.discover('media.player', { versionRange: 'one' })).toThrow(InvalidVersionError);
    expect(r.services()).toEqual(['media.player']);
    expect(r.deregister('a')).toBe(true);
    expect(r.deregister('a')).toBe(false);
    expect(events.map((e) => `${e.type}:${e.instance.id}:${e.local}`)).toEqual(['up:a:true', 'up:b:true', 'down:a:true']);
  });

  it('caches the common discovery results until something changes', () => {
    const r = new ServiceRegistry('phone');
    r.register(init({ id: 'a' }));
    const first = r.discover('media.player');
    expect(r.discover('media.player')).toBe(first);
    const ranged = r.discover('media.player', { versionRange: '^1' });
    expect(r.discover('media.player', { versionRange: '^1' })).toBe(ranged);
    r.register(init({ id: 'b' }));
    expect(r.discover('media.player')).not.toBe(first);
    expect(r.discover('media.player', { versionRange: '^1' }).length).toBe(2);
  });

  it('filters by effective health: reported, passive, ejected, suspect device', () => {
    const r = new ServiceRegistry('phone');
    r.register(init({ id: 'a' }));
    r.replaceDevice('tv', [ServiceInstance.create(init({ id: 'b', deviceId: 'tv', deviceType: 'tv' }))]);
    const health: string[] = [];
    r.watch('media.player', (e) => { if (e.type === InstanceEventType.HEALTH) health.push(`${e.instance.id}:${e.previousHealth}>${e.instance.effectiveHealth}`); });
    r.setHealth('a', HealthStatus.WARNING);
    expect(r.discover('media.player').length).toBe(2);
    r.setHealth('a', HealthStatus.CRITICAL);
    expect(r.discover('media.player').map((i) => i.id)).toEqual(['b']);
    expect(r.discover('media.player', { health: [HealthStatus.CRITICAL] }).map((i) => i.id)).toEqual(['a']);
    expect(r.setHealth('b', HealthStatus.CRITICAL)).toBe(false); // not ours to set
    r.setDeviceSuspect('tv', true);
    expect(r.get('b')!.effectiveHealth).toBe(HealthStatus.WARNING);
    r.setEjected('b', true);
    expect(r.discover('media.player')).toEqual([]);
    expect(r.discover('media.player', { includeEjected: true }).map((i) => i.id)).toEqual(['b']);
    r.setEjected('b', false);
    r.setDeviceSuspect('tv', false);
    r.setPassiveHealth('b', HealthStatus.WARNING);
    expect(health).toEqual(['a:passing>warning', 'a:warning>critical', 'b:passing>warning', 'b:warning>critical', 'b:critical>warning', 'b:warning>passing', 'b:passing>warning']);
  });

  it('replicates remote devices: up, updated (keeping local state), down, no foreign takeover', () => {
    const r = new ServiceRegistry('phone');
    const events: string[] = [];
    r.onChange((e) => events.push(`${e.type}:${e.instance.id}`));
    const tv = (over: Partial<ServiceInstanceInit>) => ServiceInstance.create(init({ deviceId: 'tv', deviceType: 'tv', ...over }));
    r.replaceDevice('tv', [tv({ id: 'x' }), tv({ id: 'y' })]);
    r.setPassiveHealth('x', HealthStatus.WARNING);
    r.replaceDevice('tv', [tv({ id: 'x', version: '1.3.0' }), tv({ id: 'y' })]);
    expect(r.get('x')!.version).toBe('1.3.0');
    expect(r.get('x')!.passiveHealth).toBe(HealthStatus.WARNING);
    r.replaceDevice('tv', [tv({ id: 'x', version: '1.3.0' })]);
    r.replaceDevice('car', [ServiceInstance.create(init({ id: 'x', deviceId: 'car', deviceType: 'car' }))]);
    expect(r.get('x')!.deviceId).toBe('tv');
    r.replaceDevice('phone', [tv({ id: 'z' })]);
    expect(r.get('z')).toBeUndefined();
    r.removeDevice('tv');
    expect(r.size).toBe(0);
    expect(events).toEqual(['up:x', 'up:y', 'health:x', 'updated:x', 'down:y', 'down:x']);
  });

  it('InstanceCodec round-trips instances and skips invalid records', () => {
    const src = [ServiceInstance.create(init({ id: 'a', tags: ['t'], zone: 'z', metadata: { k: 'v' }, endpoint: 'MainAbility', weight: 7, health: HealthStatus.WARNING })),
      ServiceInstance.create(init({ id: 'b', serviceName: 'camera.capture', version: '0.1.0-rc.1' }))];
    const meta = JSON.parse(JSON.stringify(InstanceCodec.encode(src)));
    const back = InstanceCodec.decode(meta, 'phone', 'phone');
    expect(back.invalid).toBe(0);
    expect(back.instances.length).toBe(2);
    back.instances.forEach((i, k) => expect(i.sameAs(src[k])).toBe(true));
    const bad = InstanceCodec.decode({ s: [{ id: 'x', n: 'svc', v: 'nope' }, 3, { id: 'y', n: 'svc', v: '1.0.0', w: -1 }, { id: 'ok', n: 'svc', v: '1.0.0' }] }, 'tv', 'tv');
    expect(bad.invalid).toBe(3);
    expect(bad.instances.map((i) => `${i.id}@${i.deviceId}`)).toEqual(['ok@tv']);
    expect(InstanceCodec.decode({ s: 'x' }, 'tv', 'tv').invalid).toBe(1);
    expect(InstanceCodec.decode(undefined, 'tv', 'tv').instances).toEqual([]);
  });
});
