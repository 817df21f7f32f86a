// The phase 2 HarmonyOS adapters built from their .ets sources with the kit fakes: the device
// manager discovery, runtime permissions, sockets (TCP on real node:net loopback sockets, UDP on
// an in-process switch), and createOhosMesh starting two "devices" that find each other by beacon
// and call each other over real TCP.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { MemberState } from '../../sdk/src/main/ets/membership/index';
import { SeededRandom, SystemClock } from '../../sdk/src/main/ets/platform/index';
import { Envelope, MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';
import { DeviceAvailability } from '../../sdk/src/main/ets/ohos/discovery/DeviceDiscovery';
import type { DeviceChange } from '../../sdk/src/main/ets/ohos/discovery/DeviceDiscovery';
import { PeerAddress, PeerAddressBook, PeerAddressSource } from '../../sdk/src/main/ets/ohos/net/PeerAddressBook';
import { SocketTransport } from '../../sdk/src/main/ets/ohos/net/SocketTransport';
import { StreamHandlers } from '../../sdk/src/main/ets/ohos/net/StreamNetwork';
import type { StreamSocket } from '../../sdk/src/main/ets/ohos/net/StreamNetwork';
import { loadAdapters } from './loadAdapters';

const context = { stageMode: true, applicationInfo: { name: 'com.arkmesh.demo', accessTokenId: 1 } };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const until = async (cond: () => boolean, maxMs: number): Promise<number> => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > maxMs) throw new Error(`condition not met within ${maxMs} ms`);
    await sleep(10);
  }
  return Date.now() - start;
};
const codeOf = (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: MeshError) => e.code);

beforeEach(async () => {
  const b = await loadAdapters();
  b.dmFake.reset();
  b.permissionFake.reset();
});

afterAll(async () => {
  const b = await loadAdapters();
  await b.networkFake.closeAll();
});

describe('DistributedDeviceDiscovery (distributedDeviceManager fake)', () => {
  it('lists the available trusted devices and turns state events into DeviceChanges', async () => {
    const b = await loadAdapters();
    b.dmFake.localNetworkId = 'net-me';
    b.dmFake.available = [{ deviceId: 'u1', deviceName: 'TV', deviceType: 'tv', networkId: 'net-tv' }, { deviceId: 'u2', deviceName: 'No net', deviceType: 'phone' }];
    const d = b.DistributedDeviceDiscovery.create('com.arkmesh.demo');
    expect(d.localNetworkId()).toBe('net-me');
    expect(d.availableDevices().map((x) => [x.networkId, x.name, x.type, x.deviceId])).toEqual([['net-tv', 'TV', 'tv', 'u1']]);
    const seen: DeviceChange[] = [];
    d.onChange((c) => seen.push(c));
    b.dmFake.emit(0, { deviceId: 'u3', deviceName: 'Watch', deviceType: 'wearable', networkId: 'net-w' });
    b.dmFake.emit(1, { deviceId: 'u3', deviceName: 'Watch', deviceType: 'wearable', networkId: 'net-w' });
    b.dmFake.emit(2, { deviceId: 'u1', deviceName: 'TV', deviceType: 'tv', networkId: 'net-tv' });
    expect(seen.map((c) => [c.availability, c.device.networkId])).toEqual([
      [DeviceAvailability.ONLINE, 'net-w'], [DeviceAvailability.AVAILABLE, 'net-w'], [DeviceAvailability.UNAVAILABLE, 'net-tv'],
    ]);
    d.close();
    b.dmFake.emit(1, { deviceId: 'u1', deviceName: 'TV', deviceType: 'tv', networkId: 'net-tv' });
    expect(seen).toHaveLength(3);
    expect(b.dmFake.managers[0].released).toBe(true);
    expect(b.dmFake.managers[0].callbacks).toHaveLength(0);
  });

  it('maps the platform errors: 201 to ERR_PERMISSION_DENIED, 401 to ERR_INVALID_ARGUMENT', async () => {
    const b = await loadAdapters();
    expect(() => b.DistributedDeviceDiscovery.create('')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT }));
    b.dmFake.permitted = false;
    let code = '';
    try {
      b.DistributedDeviceDiscovery.create('com.arkmesh.demo');
    } catch (e) {
      code = (e as MeshError).code;
      expect((e as MeshError).message).toMatch(/HarmonyOS error 201/);
    }
    expect(code).toBe(ErrorCode.PERMISSION_DENIED);
  });
});

describe('OhosPermissions (abilityAccessCtrl fake)', () => {
  it('resolves true only when the user granted, and wraps a failed request', async () => {
    const b = await loadAdapters();
    expect(await b.OhosPermissions.request(context, 'ohos.permission.DISTRIBUTED_DATASYNC')).toBe(true);
    b.permissionFake.answer.set('ohos.permission.DISTRIBUTED_DATASYNC', -1);
    expect(await b.OhosPermissions.request(context, 'ohos.permission.DISTRIBUTED_DATASYNC')).toBe(false);
    b.permissionFake.answer.set('ohos.permission.DISTRIBUTED_DATASYNC', 2);
    expect(await b.OhosPermissions.request(context, 'ohos.permission.DISTRIBUTED_DATASYNC')).toBe(false);
    b.permissionFake.answer.set('ohos.permission.DISTRIBUTED_DATASYNC', 'throw');
    expect(await codeOf(b.OhosPermissions.request(context, 'ohos.permission.DISTRIBUTED_DATASYNC'))).toBe(ErrorCode.PERMISSION_DENIED);
    expect(b.permissionFake.requests).toEqual(Array(4).fill(['ohos.permission.DISTRIBUTED_DATASYNC']));
  });
});

describe('OhosStreamNetwork and OhosDatagramNetwork (socket fake over node:net)', () => {
  it('connects, streams bytes both ways, reports closes, and refuses port 0', async () => {
    const b = await loadAdapters();
    const net = new b.OhosStreamNetwork();
    const accepted: StreamSocket[] = [];
    const listener = await net.listen(47711, (s) => accepted.push(s));
    expect(listener.port).toBe(47711);
    const client = await net.connect('127.0.0.1', 47711, 1000);
    await until(() => accepted.length === 1, 2000);
    const serverGot: number[] = [];
    let serverClosed = false;
    accepted[0].setHandlers(new StreamHandlers((bytes) => serverGot.push(...bytes), () => { serverClosed = true; }));
    const clientGot: number[] = [];
    client.setHandlers(new StreamHandlers((bytes) => clientGot.push(...bytes), () => {}));
    await client.write(new Uint8Array([1, 2, 3]));
    await client.write(new Uint8Array([9, 8, 7, 6]).subarray(1, 3));
    await accepted[0].write(new Uint8Array([42]));
    await until(() => serverGot.length === 5 && clientGot.length === 1, 2000);
    expect(serverGot).toEqual([1, 2, 3, 8, 7]);
    expect(clientGot).toEqual([42]);
    client.close();
    await until(() => serverClosed, 2000);
    expect(await codeOf(net.listen(0, () => {}))).toBe(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(net.connect('127.0.0.1', 1, 500))).toBe(ErrorCode.UNREACHABLE);
    listener.close();
  });

  it('binds before connecting when told to, and reuses a server per port (API 12 cannot close one)', async () => {
    const b = await loadAdapters();
    const net = new b.OhosStreamNetwork({ bindAddress: '127.0.0.1' });
    const first: StreamSocket[] = [];
    const second: StreamSocket[] = [];
    const l1 = await net.listen(47712, (s) => first.push(s));
    l1.close();
    const l2 = await net.listen(47712, (s) => second.push(s));
    const c = await net.connect('127.0.0.1', 47712, 1000);
    await until(() => second.length === 1, 2000);
    expect(first).toHaveLength(0);
    expect(b.networkFake.binds).toContain('127.0.0.1:0');
    c.close();
    l2.close();
  });

  it('broadcasts and unicasts datagrams with the sender address', async () => {
    const b = await loadAdapters();
    const udp = new b.OhosDatagramNetwork();
    const a = await udp.bind(47713);
    const c = await udp.bind(47713);
    const got: Array<[number[], string]> = [];
    c.onMessage((bytes, host) => got.push([Array.from(bytes), host]));
    await a.broadcast(new Uint8Array([5]), 47713);
    await a.send(new Uint8Array([6]), '127.0.0.1', 47713);
    await until(() => got.length === 2, 2000);
    expect(got).toEqual([[[5], '127.0.0.1'], [[6], '127.0.0.1']]);
    a.close();
    c.close();
  });

  it('carries SocketTransport envelopes over real TCP', async () => {
    const b = await loadAdapters();
    const clock = new SystemClock();
    const random = new SeededRandom('tcp');
    const net = new b.OhosStreamNetwork();
    const bookA = new PeerAddressBook();
    const ta = new SocketTransport({ localId: 'a', clock, random, origin: 'oa', network: net, addresses: bookA, port: 47714 });
    const tb = new SocketTransport({ localId: 'b', clock, random, origin: 'ob', network: net, addresses: new PeerAddressBook(), port: 47715 });
    await ta.listen();
    await tb.listen();
    bookA.set(new PeerAddress('b', '127.0.0.1', 47715, PeerAddressSource.STATIC, undefined, undefined, clock.now()));
    tb.onRequest('echo', (req: Envelope) => Promise.resolve(Envelope.replyTo(req, {}, req.body)));
    const big = 'x'.repeat(300000); // several TCP segments, reassembled by the frame decoder
    const res = await ta.request('b', 'echo', { big }, undefined, clock.now() + 5000);
    expect((res.body as { big: string }).big.length).toBe(300000);
    const bytes = await ta.request('b', 'echo', new Uint8Array([1, 2, 255]), undefined, clock.now() + 5000);
    expect(Array.from(bytes.body as Uint8Array)).toEqual([1, 2, 255]);
    expect(ta.socketStats.handshakes).toBe(1);
    ta.close();
    tb.close();
  });
});

describe('createOhosMesh (all kits faked, TCP real)', () => {
  it('two devices find each other by beacon and call each other over TCP', async () => {
    const b = await loadAdapters();
    const opts = { discovery: false, beaconIntervalMs: 500, beaconPort: 47720 };
    const tv = await b.createOhosMesh(context, { ...opts, deviceId: 'tv-1', deviceType: 'tv', storeName: 'tv', tcpPort: 47721 });
    const phone = await b.createOhosMesh(context, { ...opts, storeName: 'phone', tcpPort: 47722 });
    // The phone's id was generated from deviceInfo.deviceType (the fake says tablet) and kept.
    expect(phone.node.deviceId).toMatch(/^tablet-[0-9a-f]{12}$/);
    expect(phone.node.deviceType).toBe('tablet');
    expect(b.permissionFake.requests).toHaveLength(0);
    tv.node.provide('media.player', async (req, ctx) => MeshResponse.json({ playing: req.body as string, for: ctx.callerDeviceId }));
    await until(() => phone.node.registry.discover('media.player').length === 1, 8000);
    const res = await phone.node.call('media.player', new MeshRequest({ method: 'POST', path: '/play', body: 'track-9' }));
    expect(res.body).toEqual({ playing: 'track-9', for: phone.node.deviceId });
    expect(phone.addresses.get('tv-1')?.port).toBe(47721);
    await tv.stop();
    await until(() => phone.node.membership.stateOf('tv-1') === MemberState.LEFT, 5000);
    await phone.stop();
    // The same store gives the same id after a restart.
    const again = await b.createOhosMeshNode(context, { ...opts, storeName: 'phone', tcpPort: 47723 });
    expect(again.deviceId).toBe(phone.node.deviceId);
    await again.stop();
  });

  it('asks for DISTRIBUTED_DATASYNC, refuses to start without it, and lists trusted devices with it', async () => {
    const b = await loadAdapters();
    b.permissionFake.answer.set('ohos.permission.DISTRIBUTED_DATASYNC', -1);
    expect(await codeOf(b.createOhosMesh(context, { tcpPort: 47730, beaconPort: 47731 }))).toBe(ErrorCode.PERMISSION_DENIED);
    b.permissionFake.answer.clear();
    b.dmFake.available = [{ deviceId: 'u9', deviceName: 'Car', deviceType: 'car', networkId: 'net-car' }];
    const mesh = await b.createOhosMesh(context, { deviceId: 'pad', tcpPort: 47732, beaconPort: 47733 });
    expect(b.permissionFake.requests).toEqual([['ohos.permission.DISTRIBUTED_DATASYNC'], ['ohos.permission.DISTRIBUTED_DATASYNC']]);
    expect(b.dmFake.managers.map((m) => m.bundleName)).toEqual(['com.arkmesh.demo']);
    expect(mesh.devices().map((d) => [d.name, d.availability, d.meshId])).toEqual([['Car', DeviceAvailability.AVAILABLE, undefined]]);
    await mesh.stop();
    expect(b.dmFake.managers[0].released).toBe(true);
  });
});
