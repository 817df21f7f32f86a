// The cost of a local MeshNode.call (discovery, balancer, attempt, deadline race, handler) against
// calling the handler directly; and the same with one pass-through interceptor on each chain.
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse, SimNetwork } from '../../sdk/src/main/ets/transport/index';
import { MeshNode, ServiceContext } from '../../sdk/src/main/ets/mesh/index';
import { defineBench } from './harness';

const clock = new VirtualClock({ startTime: 0 });
const random = new SeededRandom('bench');
const net = new SimNetwork({ clock, random });
const response = MeshResponse.json({ ok: true });
const handler = (req: MeshRequest, ctx?: ServiceContext): Promise<MeshResponse> => Promise.resolve(response);
const make = (id: string): MeshNode => MeshNode.create({ deviceId: id, deviceType: 'phone', transport: net.attach(id), clock, random, store: new MemoryStore() });
const plain = make('plain');
const wrapped = make('wrapped');
plain.provide('echo', handler);
wrapped.provide('echo', handler);
wrapped.useCall((ctx, next) => next());
wrapped.useAttempt((ctx, next) => next());
wrapped.useInbound((ctx, next) => next());
const req = new MeshRequest({ path: '/echo' });
let sink = 0;

export default defineBench({
  name: 'mesh-call',
  setup: async () => {
    await plain.start();
    await wrapped.start();
  },
  cases: [
    {
      op: 'local call, no interceptors',
      arkmesh: async () => { sink += (await plain.call('echo', req)).status; },
      peers: [{ name: 'direct call', fn: async () => { sink += (await handler(req)).status; } }],
    },
    {
      op: 'local call, 1 call + 1 attempt + 1 inbound interceptor',
      arkmesh: async () => { sink += (await wrapped.call('echo', req)).status; },
      peers: [{ name: 'direct call', fn: async () => { sink += (await handler(req)).status; } }],
    },
  ],
});
