// DeviceMesh end to end on an in-memory LAN: trusted-device events (InMemoryDeviceDiscovery) and
// address beacons feed membership, calls cross SocketTransports, devices leave and come back.
import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { MemberState } from '../../sdk/src/main/ets/membership/index';
import { MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import { MemoryLogger, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { DeviceAvailability, TrustedDevice } from '../../sdk/src/main/ets/ohos/discovery/DeviceDiscovery';
import { InMemoryDeviceDiscovery } from '../../sdk/src/main/ets/ohos/discovery/InMemoryDeviceDiscovery';
import { DeviceMesh } from '../../sdk/src/main/ets/ohos/mesh/DeviceMesh';
import type { DeviceMeshOptions } from '../../sdk/src/main/ets/ohos/mesh/DeviceMeshOptions';
import { MemoryLan } from './support/memoryLan';

interface Device { name: string; host: string; networkId: string; discovery: InMemoryDeviceDiscovery; mesh: DeviceMesh }

/** Devices on one LAN whose platforms trust each other (same account). */
class Home {
  readonly clock = new VirtualClock({ startTime: 0 });
  readonly random = new SeededRandom('home');
  readonly lan = new MemoryLan(this.clock, { latencyMs: 3 });
  readonly devices = new Map<string, Device>();

  trusted(name: string): TrustedDevice {
    return new TrustedDevice(`net-${name}`, `udid-${name}`, name.toUpperCase(), name === 'tv' ? 'tv' : 'phone');
  }

  async add(name: string, extra: Partial<DeviceMeshOptions> = {}): Promise<Device> {
    const host = `192.168.1.${10 + this.devices.size}`;
    const discovery = new InMemoryDeviceDiscovery(`net-${name}`);
    // The platform already reports the trusted devices that are up.
    for (const other of this.devices.values()) discovery.bringOnline(this.trusted(other.name));
    const net = this.lan.host(host);
    const mesh = await DeviceMesh.start({
      deviceId: `${name}-id`, deviceType: name === 'tv' ? 'tv' : 'phone', clock: this.clock, random: this.random.fork(name),
      network: net, datagrams: net, discovery, beaconIntervalMs: 2000, ...extra,
    });
    const d: Device = { name, host, networkId: `net-${name}`, discovery, mesh };
    // ...and tells the others this one came online.
    for (const other of this.devices.values()) other.discovery.bringOnline(this.trusted(name));
    this.devices.set(name, d);
    return d;
  }

  get(name: string): Device {
    return this.devices.get(name)!;
  }

  async until(cond: () => boolean, maxMs: number, step = 50): Promise<number> {
    const start = this.clock.now();
    while (!cond()) {
      if (this.clock.now() - start > maxMs) throw new Error(`condition not met within ${maxMs} ms`);
      await this.clock.advance(step);
    }
    return this.clock.now() - start;
  }

  stateOn(observer: string, subject: string): MemberState | undefined {
    return this.get(observer).mesh.node.membership.stateOf(`${subject}-id`);
  }
}

describe('DeviceMesh on a LAN with trusted-device discovery', () => {
  it('trusted devices find each other through beacons, join at once, and call each other', async () => {
    const home = new Home();
    const phone = await home.add('phone');
    const tv = await home.add('tv');
    tv.mesh.node.provide('media.player', async (req, ctx) => MeshResponse.json({ playing: req.body as string, for: ctx.callerDeviceId }));
    const took = await home.until(() => home.stateOn('phone', 'tv') === MemberState.ALIVE && home.stateOn('tv', 'phone') === MemberState.ALIVE, 5000, 10);
    // No gossip round needed: the beacon reply maps the network id, the bridge joins at once.
    expect(took).toBeLessThan(200);
    expect(phone.mesh.bridge!.stats.joins).toBeGreaterThanOrEqual(1);
    await home.until(() => phone.mesh.node.registry.discover('media.player').length === 1, 3000);
    const pending = phone.mesh.node.call('media.player', new MeshRequest({ method: 'POST', path: '/play', body: 'track-7' }));
    await home.clock.advance(50);
    expect((await pending).body).toEqual({ playing: 'track-7', for: 'phone-id' });
    const view = phone.mesh.devices();
    expect(view.map((d) => [d.name, d.availability, d.meshId, d.memberState]))
      .toEqual([['TV', DeviceAvailability.AVAILABLE, 'tv-id', MemberState.ALIVE]]);
    expect(phone.mesh.addresses.get('tv-id')?.host).toBe(tv.host);
  });

  it('an offline report is only a suspicion: a device still reachable refutes and stays', async () => {
    const home = new Home();
    const phone = await home.add('phone');
    await home.add('tv');
    await home.until(() => home.stateOn('phone', 'tv') === MemberState.ALIVE, 5000);
    phone.discovery.takeOffline('net-tv'); // e.g. Bluetooth dropped, Wi-Fi fine
    expect(home.stateOn('phone', 'tv')).toBe(MemberState.SUSPECT);
    expect(phone.mesh.bridge!.stats.suspicions).toBe(1);
    await home.clock.advance(8000);
    expect(home.stateOn('phone', 'tv')).toBe(MemberState.ALIVE);
  });

  it('a device that really leaves the network is declared dead fast and its services vanish', async () => {
    const home = new Home();
    const phone = await home.add('phone');
    const tv = await home.add('tv');
    tv.mesh.node.provide('media.player', async () => MeshResponse.json({}));
    await home.until(() => phone.mesh.node.registry.discover('media.player').length === 1, 5000);
    home.lan.kill(tv.host);
    phone.discovery.takeOffline('net-tv');
    const t = await home.until(() => home.stateOn('phone', 'tv') === MemberState.DEAD, 20000, 100);
    // suspicion timeout = 4 x max(1, log10(2)) x 1 s; SWIM alone would need a failed probe round first.
    expect(t).toBeLessThanOrEqual(4500);
    expect(phone.mesh.node.registry.discover('media.player')).toHaveLength(0);
    expect(phone.mesh.transport.isConnected('tv-id')).toBe(false);
    const code = await phone.mesh.node.call('media.player', new MeshRequest({})).then(() => 'ok', (e: MeshError) => e.code);
    expect(code).toBe(ErrorCode.NO_HEALTHY_INSTANCE);
  });

  it('a device that comes back online is joined again at once', async () => {
    const home = new Home();
    const phone = await home.add('phone');
    const tv = await home.add('tv');
    await home.until(() => home.stateOn('phone', 'tv') === MemberState.ALIVE, 5000);
    await tv.mesh.stop();
    await home.until(() => home.stateOn('phone', 'tv') === MemberState.LEFT, 2000);
    phone.discovery.takeOffline('net-tv');
    home.devices.delete('tv');
    home.lan.unlisten(tv.host, 47600);
    await home.add('tv');
    const t = await home.until(() => home.stateOn('phone', 'tv') === MemberState.ALIVE, 5000, 10);
    expect(t).toBeLessThan(500);
  });

  it('refuses beacons from devices the platform does not trust', async () => {
    const home = new Home();
    const phone = await home.add('phone');
    // A device on the same Wi-Fi, not bound to this account: its platform does not report it.
    const strangerNet = home.lan.host('192.168.1.99');
    const stranger = await DeviceMesh.start({
      deviceId: 'stranger-id', deviceType: 'pc', clock: home.clock, random: home.random.fork('s'), network: strangerNet,
      datagrams: strangerNet, beaconIntervalMs: 1000,
    });
    await home.clock.advance(3000);
    expect(phone.mesh.beacon!.stats.refused).toBeGreaterThanOrEqual(1);
    expect(phone.mesh.addresses.get('stranger-id')).toBeUndefined();
    expect(phone.mesh.node.membership.stateOf('stranger-id')).toBeUndefined();
    // The stranger accepts every beacon (no discovery) and tries to join the phone, but the phone
    // refuses connections from devices its platform never vouched for.
    expect(stranger.addresses.get('phone-id')?.host).toBe(phone.host);
    expect(phone.mesh.transport.socketStats.refused).toBeGreaterThanOrEqual(1);
    expect(phone.mesh.node.membership.stateOf('stranger-id')).toBeUndefined();
    expect(stranger.node.membership.stateOf('phone-id')).toBeUndefined();
    await stranger.stop();
  });

  it('works with static peers only (no discovery, no broadcast) and logs a beacon that cannot start', async () => {
    const home = new Home();
    home.lan.broadcastAllowed = false;
    const aNet = home.lan.host('10.0.0.1');
    const bNet = home.lan.host('10.0.0.2');
    const logger = new MemoryLogger();
    const b = await DeviceMesh.start({ deviceId: 'b', deviceType: 'tv', clock: home.clock, random: home.random.fork('b'), network: bNet });
    b.node.provide('echo', async (req) => MeshResponse.json(req.body));
    // a's beacon port is taken by another app: the mesh starts anyway, without beacons.
    await home.lan.bind('10.0.0.1', 47601);
    const a = await DeviceMesh.start({
      deviceId: 'a', deviceType: 'phone', clock: home.clock, random: home.random.fork('a'), network: aNet, datagrams: aNet, logger,
      staticPeers: [{ deviceId: 'b', host: '10.0.0.2' }],
    });
    expect(a.beacon).toBeUndefined();
    expect(logger.records.some((r) => r.message.includes('address beacon not started'))).toBe(true);
    await home.until(() => a.node.registry.discover('echo').length === 1, 5000);
    const p = a.node.call('echo', new MeshRequest({ body: 'hi' }));
    await home.clock.advance(50);
    expect((await p).body).toBe('hi');
    expect(a.devices()).toEqual([]);
    await a.stop();
    await home.until(() => b.node.membership.stateOf('a') === MemberState.LEFT, 2000);
    expect(b.node.membership.stateOf('a')).toBe(MemberState.LEFT);
  });

  it('without discovery, devices found by beacons are joined at once', async () => {
    const home = new Home();
    const start = (id: string, host: string): Promise<DeviceMesh> => DeviceMesh.start({
      deviceId: id, deviceType: 'phone', clock: home.clock, random: home.random.fork(id), network: home.lan.host(host),
      datagrams: home.lan.host(host), beaconIntervalMs: 5000,
    });
    const a = await start('a', '10.1.0.1');
    const b = await start('b', '10.1.0.2');
    const t = await home.until(() => a.node.membership.stateOf('b') === MemberState.ALIVE && b.node.membership.stateOf('a') === MemberState.ALIVE, 5000, 10);
    expect(t).toBeLessThan(100); // the reply to b's first beacon, then one state exchange
    await a.stop();
    await b.stop();
  });

  it('validates options and releases what it started when start fails', async () => {
    const home = new Home();
    const net = home.lan.host('10.0.0.3');
    const base = { deviceType: 'phone', clock: home.clock, random: home.random, network: net };
    await expect(DeviceMesh.start({ ...base, deviceId: '' })).rejects.toThrow(/options\.deviceId/);
    await expect(DeviceMesh.start({ ...base, deviceId: 'x', staticPeers: [{ deviceId: 'x', host: 'h' }] })).rejects.toThrow(/staticPeers\[0\]\.deviceId/);
    await expect(DeviceMesh.start({ ...base, deviceId: 'x', staticPeers: [{ deviceId: 'y', host: 'h', port: 0 }] })).rejects.toThrow(/staticPeers\[0\]\.port/);
    const first = await DeviceMesh.start({ ...base, deviceId: 'x' });
    // Same port again on the same host: listening fails, nothing is left behind.
    await expect(DeviceMesh.start({ ...base, deviceId: 'y' })).rejects.toThrow(/in use/);
    await first.stop();
    expect(first.transport.closed).toBe(true);
  });
});
