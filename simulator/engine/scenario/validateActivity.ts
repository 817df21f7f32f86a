import { SemVerRange } from '../sdk';
import { MESSAGING_PENDING, SAGAS_PENDING } from './capabilities';
import { indexPath, joinPath } from './Checker';
import type { JsonRecord } from './Checker';
import { DEFAULT_SERVICE_LATENCY, DEFAULT_STREAM_METHOD, DEFAULT_STREAM_PATH } from './defaults';
import { readLatency } from './latency';
import { SAGA_LIBRARY } from './sagaLibrary';
import type {
  ConsumerSpec, ExpectationSpec, FaultAction, FaultSpec, LatencySpec, PublisherSpec, RatePattern, RequestStreamSpec,
  RequestTarget, SagaStreamSpec, WorkloadSpec,
} from './Scenario';
import { ID, ID_MESSAGE, LINK_KEYS, METHOD, readFaultShares, readLinkFields } from './readers';
import type { ReadContext } from './readers';

/** Every fault action a scenario may schedule (and a live control may issue). */
export const FAULT_ACTIONS = ['crash', 'restart', 'partition', 'heal', 'link', 'clearLinks', 'network', 'gatewayFault',
  'service', 'workloadRate'];
/** Every expectation type. */
export const EXPECTATION_TYPES = ['successRate', 'latency', 'minRequests', 'breakerOpened', 'breakerNotOpened', 'converged',
  'noLostMessages', 'sagasSettled'];

const window = (ctx: ReadContext, o: JsonRecord, path: string, defaultStart: number): { startMs: number; stopMs: number } => {
  const startMs = ctx.c.duration(o, 'start', path) ?? defaultStart;
  const stopMs = ctx.c.duration(o, 'stop', path) ?? ctx.durationMs;
  if (stopMs > ctx.durationMs) ctx.c.fail(joinPath(path, 'stop'), 'must be within the scenario duration');
  if (startMs >= stopMs) ctx.c.fail(joinPath(path, 'start'), 'must be before stop (and before the end of the run)');
  return { startMs, stopMs };
};

const streamId = (ctx: ReadContext, o: JsonRecord, path: string, fallback: string, taken: Set<string>): string => {
  const id = ctx.c.string(o, 'id', path, { pattern: ID, patternMessage: ID_MESSAGE }) ?? fallback;
  if (taken.has(id)) ctx.c.fail(joinPath(path, 'id'), `'${id}' is already used by another stream`);
  taken.add(id);
  return id;
};

export const readWorkload = (ctx: ReadContext, value: unknown): WorkloadSpec => {
  const c = ctx.c;
  const w: WorkloadSpec = { requests: [], publishers: [], consumers: [], sagas: [] };
  if (value === undefined) return w;
  const o = c.object(value, 'workload');
  if (o === undefined) return w;
  c.known(o, 'workload', ['requests', 'publishers', 'consumers', 'sagas']);
  const ids = new Set<string>();
  const provided = new Set<string>();
  for (const d of ctx.devices) for (const s of d.services) provided.add(s.name);
  (c.array(o, 'requests', 'workload') ?? []).forEach((v, i) => {
    const s = readRequestStream(ctx, v, indexPath('workload.requests', i), i, ids, provided);
    if (s !== undefined) w.requests.push(s);
  });
  const publishers = c.array(o, 'publishers', 'workload') ?? [];
  const consumers = c.array(o, 'consumers', 'workload') ?? [];
  const sagas = c.array(o, 'sagas', 'workload') ?? [];
  if (publishers.length > 0 && !ctx.capabilities.messaging) c.fail('workload.publishers', MESSAGING_PENDING);
  if (consumers.length > 0 && !ctx.capabilities.messaging) c.fail('workload.consumers', MESSAGING_PENDING);
  if (sagas.length > 0 && !ctx.capabilities.sagas) c.fail('workload.sagas', SAGAS_PENDING);
  publishers.forEach((v, i) => {
    const path = indexPath('workload.publishers', i);
    const p = c.object(v, path);
    if (p === undefined) return;
    c.known(p, path, ['id', 'from', 'topic', 'rate', 'start', 'stop']);
    const id = streamId(ctx, p, path, `publish#${i}`, ids);
    const from = p['from'] === undefined ? ctx.devices.map((d) => d.id) : ctx.refs(c.stringList(p, 'from', path), joinPath(path, 'from'));
    const topic = c.string(p, 'topic', path, { required: true });
    const rate = c.number(p, 'rate', path, { required: true, min: 0 });
    const win = window(ctx, p, path, ctx.warmupMs);
    if (from !== undefined && topic !== undefined && rate !== undefined) w.publishers.push({ id, from, topic, rate, ...win } as PublisherSpec);
  });
  consumers.forEach((v, i) => {
    const path = indexPath('workload.consumers', i);
    const k = c.object(v, path);
    if (k === undefined) return;
    c.known(k, path, ['id', 'devices', 'topic', 'group', 'latency', 'errorRate']);
    const id = streamId(ctx, k, path, `consume#${i}`, ids);
    const devices = ctx.refs(c.stringList(k, 'devices', path, true), joinPath(path, 'devices'));
    const topic = c.string(k, 'topic', path, { required: true });
    const group = c.string(k, 'group', path, { required: true });
    const latency: LatencySpec | undefined = k['latency'] === undefined ? DEFAULT_SERVICE_LATENCY : readLatency(c, k['latency'], joinPath(path, 'latency'));
    const errorRate = c.probability(k, 'errorRate', path) ?? 0;
    if (devices !== undefined && topic !== undefined && group !== undefined && latency !== undefined) {
      w.consumers.push({ id, devices, topic, group, latency, errorRate } as ConsumerSpec);
    }
  });
  sagas.forEach((v, i) => {
    const path = indexPath('workload.sagas', i);
    const g = c.object(v, path);
    if (g === undefined) return;
    c.known(g, path, ['id', 'saga', 'from', 'rate', 'count', 'start', 'stop']);
    const id = streamId(ctx, g, path, `saga#${i}`, ids);
    const saga = c.string(g, 'saga', path, { required: true, oneOf: Object.keys(SAGA_LIBRARY) });
    if (saga !== undefined && SAGA_LIBRARY[saga] !== undefined) {
      for (const service of SAGA_LIBRARY[saga].services) {
        if (!provided.has(service)) c.fail(joinPath(path, 'saga'), `'${saga}' calls '${service}', which no device provides`);
      }
    }
    const from = c.string(g, 'from', path, { required: true });
    if (from !== undefined && !ctx.devices.some((d) => d.id === from)) c.fail(joinPath(path, 'from'), `no device '${from}'`);
    const rate = c.number(g, 'rate', path, { required: true, positive: true });
    const count = c.number(g, 'count', path, { integer: true, min: 1 });
    const win = window(ctx, g, path, ctx.warmupMs);
    if (saga !== undefined && from !== undefined && rate !== undefined) w.sagas.push({ id, saga, from, rate, count, ...win } as SagaStreamSpec);
  });
  return w;
};

const readRequestStream = (ctx: ReadContext, value: unknown, path: string, index: number, ids: Set<string>,
  provided: Set<string>): RequestStreamSpec | undefined => {
  const c = ctx.c;
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  c.known(o, path, ['id', 'from', 'service', 'route', 'method', 'path', 'body', 'versionRange', 'rate', 'pattern', 'arrival',
    'start', 'stop', 'timeoutMs']);
  const service = c.string(o, 'service', path);
  const route = c.string(o, 'route', path);
  if ((service === undefined) === (route === undefined) && o['service'] === undefined && o['route'] === undefined) {
    c.fail(path, "needs a 'service' or a 'route'");
  } else if (service !== undefined && route !== undefined) {
    c.fail(joinPath(path, 'route'), "give either 'service' or 'route', not both");
  }
  if (service !== undefined && !provided.has(service)) c.fail(joinPath(path, 'service'), `no device provides '${service}'`);
  if (route !== undefined && ctx.gateway === undefined && ctx.c.issues.every((i) => !i.path.startsWith('gateway'))) {
    c.fail(joinPath(path, 'route'), 'needs a gateway (the scenario has none)');
  }
  if (route !== undefined && !route.startsWith('/')) c.fail(joinPath(path, 'route'), "must be a path starting with '/'");
  const id = streamId(ctx, o, path, `${service ?? route ?? 'stream'}#${index}`, ids);
  const method = c.string(o, 'method', path, { pattern: METHOD, patternMessage: 'must be an upper-case method such as GET' }) ?? DEFAULT_STREAM_METHOD;
  const reqPath = c.string(o, 'path', path) ?? DEFAULT_STREAM_PATH;
  const versionRange = c.string(o, 'versionRange', path);
  if (versionRange !== undefined && SemVerRange.tryParse(versionRange) === undefined) {
    c.fail(joinPath(path, 'versionRange'), `'${versionRange}' is not a version range (e.g. ^1.2.0)`);
  }
  let from: string[] | undefined;
  if (o['from'] !== undefined) {
    from = ctx.refs(c.stringList(o, 'from', path), joinPath(path, 'from'));
  } else {
    from = route !== undefined && ctx.gateway !== undefined ? [ctx.gateway.device] : ctx.devices.map((d) => d.id);
  }
  const rate = c.number(o, 'rate', path, { required: true, min: 0 });
  const pattern = readPattern(ctx, o['pattern'], joinPath(path, 'pattern'));
  const arrival = (c.string(o, 'arrival', path, { oneOf: ['uniform', 'poisson'] }) ?? 'uniform') as RequestStreamSpec['arrival'];
  const win = window(ctx, o, path, ctx.warmupMs);
  const timeoutMs = c.number(o, 'timeoutMs', path, { positive: true });
  if (from === undefined || rate === undefined || pattern === undefined || (service === undefined && route === undefined)) return undefined;
  const body = o['body'] ?? null;
  const target: RequestTarget = service !== undefined
    ? { kind: 'service', service, method, path: reqPath, body, versionRange }
    : { kind: 'route', method, path: route as string, body };
  return { id, from, target, rate, pattern, arrival, ...win, timeoutMs };
};

const readPattern = (ctx: ReadContext, value: unknown, path: string): RatePattern | undefined => {
  const c = ctx.c;
  if (value === undefined || value === 'constant') return { type: 'constant' };
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  const type = c.string(o, 'type', path, { required: true, oneOf: ['constant', 'ramp', 'burst'] });
  if (type === 'constant') {
    c.known(o, path, ['type']);
    return { type };
  }
  if (type === 'ramp') {
    c.known(o, path, ['type', 'to']);
    const to = c.number(o, 'to', path, { required: true, min: 0 });
    return to === undefined ? undefined : { type, to };
  }
  if (type === 'burst') {
    c.known(o, path, ['type', 'every', 'length', 'rate']);
    const everyMs = c.duration(o, 'every', path, { required: true, positive: true });
    const lengthMs = c.duration(o, 'length', path, { required: true, positive: true });
    const rate = c.number(o, 'rate', path, { required: true, min: 0 });
    if (everyMs !== undefined && lengthMs !== undefined && lengthMs > everyMs) c.fail(joinPath(path, 'length'), 'must not be longer than every');
    return everyMs === undefined || lengthMs === undefined || rate === undefined ? undefined : { type, everyMs, lengthMs, rate };
  }
  return undefined;
};

const FAULT_FIELDS: Record<string, string[]> = {
  crash: ['device', 'duration'],
  restart: ['device'],
  partition: ['id', 'sideA', 'sideB', 'duration'],
  heal: ['partition'],
  link: [...LINK_KEYS, 'from', 'to', 'bidirectional', 'duration', 'conditions'],
  clearLinks: ['from', 'to'],
  network: ['conditions'],
  gatewayFault: ['delay', 'abort', 'duration'],
  service: ['service', 'devices', 'errorRate', 'latency', 'duration'],
  workloadRate: ['stream', 'rate'],
};

/**
 * Reads one fault action (without `at`): the shape shared by scheduled faults and live controls.
 * `streams` are the request stream ids for `workloadRate`.
 */
export const readFaultAction = (ctx: ReadContext, o: JsonRecord, path: string, streams: readonly string[],
  extraKeys: readonly string[] = []): FaultAction | undefined => {
  const c = ctx.c;
  const action = c.string(o, 'action', path, { required: true, oneOf: FAULT_ACTIONS });
  if (action === undefined) return undefined;
  c.known(o, path, ['action', ...extraKeys, ...FAULT_FIELDS[action]]);
  const durationMs = FAULT_FIELDS[action].includes('duration') ? c.duration(o, 'duration', path, { positive: true }) : undefined;
  const device = (): string | undefined => {
    const d = c.string(o, 'device', path, { required: true });
    if (d !== undefined && !ctx.devices.some((x) => x.id === d)) return c.fail(joinPath(path, 'device'), `no device '${d}'`);
    return d;
  };
  switch (action) {
    case 'crash': {
      const d = device();
      return d === undefined ? undefined : { action, device: d, durationMs };
    }
    case 'restart': {
      const d = device();
      return d === undefined ? undefined : { action, device: d };
    }
    case 'partition': {
      const id = c.string(o, 'id', path, { pattern: ID, patternMessage: ID_MESSAGE }) ?? '';
      const sideA = ctx.refs(c.stringList(o, 'sideA', path, true), joinPath(path, 'sideA'));
      const sideB = o['sideB'] === undefined ? undefined : ctx.refs(c.stringList(o, 'sideB', path), joinPath(path, 'sideB'));
      if (sideA !== undefined && sideB !== undefined && sideA.some((d) => sideB.includes(d))) {
        c.fail(joinPath(path, 'sideB'), 'must not share devices with sideA');
      }
      return sideA === undefined ? undefined : { action, id, sideA, sideB, durationMs };
    }
    case 'heal':
      return { action, partition: c.string(o, 'partition', path) };
    case 'link': {
      const from = ctx.refs(c.stringList(o, 'from', path, true), joinPath(path, 'from'));
      const to = ctx.refs(c.stringList(o, 'to', path, true), joinPath(path, 'to'));
      const bidirectional = c.boolean(o, 'bidirectional', path) ?? true;
      let conditions = readLinkFields(c, o, path);
      if (o['conditions'] !== undefined) {
        const cp = joinPath(path, 'conditions');
        const co = c.object(o['conditions'], cp);
        if (co !== undefined) {
          c.known(co, cp, LINK_KEYS);
          conditions = { ...conditions, ...readLinkFields(c, co, cp) };
        }
      }
      return from === undefined || to === undefined ? undefined : { action, from, to, bidirectional, conditions, durationMs };
    }
    case 'clearLinks': {
      const from = c.string(o, 'from', path);
      const to = c.string(o, 'to', path);
      return { action, from, to };
    }
    case 'network': {
      const cp = joinPath(path, 'conditions');
      const co = c.object(o['conditions'] ?? {}, cp);
      if (co === undefined) return undefined;
      c.known(co, cp, LINK_KEYS);
      return { action, conditions: readLinkFields(c, co, cp) };
    }
    case 'gatewayFault': {
      if (ctx.gateway === undefined) return c.fail(joinPath(path, 'action'), 'needs a gateway (the scenario has none)');
      const shares = readFaultShares(c, o, path);
      return { action, delay: shares.delay, abort: shares.abort, durationMs };
    }
    case 'service': {
      const service = c.string(o, 'service', path, { required: true });
      const hosts = ctx.devices.filter((d) => d.services.some((s) => s.name === service)).map((d) => d.id);
      if (service !== undefined && hosts.length === 0) c.fail(joinPath(path, 'service'), `no device provides '${service}'`);
      let devices = hosts;
      if (o['devices'] !== undefined) {
        const picked = ctx.refs(c.stringList(o, 'devices', path), joinPath(path, 'devices'));
        devices = picked === undefined ? [] : picked.filter((d) => hosts.includes(d));
        if (picked !== undefined && devices.length === 0) c.fail(joinPath(path, 'devices'), `none of them provides '${service}'`);
      }
      const errorRate = c.probability(o, 'errorRate', path);
      const latency = o['latency'] === undefined ? undefined : readLatency(c, o['latency'], joinPath(path, 'latency'));
      if (errorRate === undefined && o['latency'] === undefined) c.fail(path, "needs 'errorRate' or 'latency'");
      return service === undefined ? undefined : { action, service, devices, errorRate, latency, durationMs };
    }
    case 'workloadRate': {
      const stream = c.string(o, 'stream', path, { required: true });
      if (stream !== undefined && !streams.includes(stream)) c.fail(joinPath(path, 'stream'), `no request stream '${stream}'`);
      const rate = c.number(o, 'rate', path, { required: true, min: 0 });
      return stream === undefined || rate === undefined ? undefined : { action, stream, rate };
    }
    default:
      return undefined;
  }
};

export const readFaults = (ctx: ReadContext, value: unknown, workload: WorkloadSpec): FaultSpec[] => {
  const c = ctx.c;
  const out: FaultSpec[] = [];
  if (value === undefined) return out;
  if (!Array.isArray(value)) {
    c.fail('faults', 'must be an array');
    return out;
  }
  const streams = workload.requests.map((s) => s.id);
  const partitionIds = new Set<string>();
  const indexes: number[] = [];
  value.forEach((v, i) => {
    const path = indexPath('faults', i);
    const o = c.object(v, path);
    if (o === undefined) return;
    const atMs = c.duration(o, 'at', path, { required: true });
    if (atMs !== undefined && atMs > ctx.durationMs) c.fail(joinPath(path, 'at'), 'must be within the scenario duration');
    const action = readFaultAction(ctx, o, path, streams, ['at']);
    if (action === undefined || atMs === undefined) return;
    if (action.action === 'partition') {
      if (action.id === '') action.id = `p${i}`;
      if (partitionIds.has(action.id)) c.fail(joinPath(path, 'id'), `'${action.id}' is already used by another partition`);
      partitionIds.add(action.id);
    }
    out.push({ ...action, atMs } as FaultSpec);
    indexes.push(i);
  });
  out.forEach((f, k) => {
    if (f.action === 'heal' && f.partition !== undefined && !partitionIds.has(f.partition)) {
      c.fail(joinPath(indexPath('faults', indexes[k]), 'partition'), `no partition '${f.partition}'`);
    }
  });
  // Stable: faults at the same time keep their order in the file.
  return out.map((f, i) => ({ f, i })).sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i).map((x) => x.f);
};

export const readExpectations = (ctx: ReadContext, value: unknown): ExpectationSpec[] => {
  const c = ctx.c;
  const out: ExpectationSpec[] = [];
  if (value === undefined) return out;
  if (!Array.isArray(value)) {
    c.fail('expectations', 'must be an array');
    return out;
  }
  const services = new Set<string>();
  for (const d of ctx.devices) for (const s of d.services) services.add(s.name);
  const routes = new Set<string>((ctx.gateway?.routes ?? []).map((r) => r.id));
  value.forEach((v, i) => {
    const path = indexPath('expectations', i);
    const o = c.object(v, path);
    if (o === undefined) return;
    const type = c.string(o, 'type', path, { required: true, oneOf: EXPECTATION_TYPES });
    const subject = (): { service: string | undefined; route: string | undefined } => {
      const service = c.string(o, 'service', path);
      const route = c.string(o, 'route', path);
      if (service !== undefined && !services.has(service)) c.fail(joinPath(path, 'service'), `no device provides '${service}'`);
      if (route !== undefined && !routes.has(route)) c.fail(joinPath(path, 'route'), `no gateway route with id '${route}'`);
      if (service !== undefined && route !== undefined) c.fail(joinPath(path, 'route'), "give either 'service' or 'route', not both");
      return { service, route };
    };
    switch (type) {
      case 'successRate': {
        c.known(o, path, ['type', 'service', 'route', 'device', 'min']);
        const s = subject();
        const device = c.string(o, 'device', path);
        if (device !== undefined && !ctx.devices.some((d) => d.id === device)) c.fail(joinPath(path, 'device'), `no device '${device}'`);
        const min = c.number(o, 'min', path, { required: true, min: 0, max: 1 });
        if (min !== undefined) out.push({ type, service: s.service, route: s.route, device, min });
        break;
      }
      case 'latency': {
        c.known(o, path, ['type', 'service', 'route', 'percentile', 'maxMs']);
        const s = subject();
        const percentile = c.number(o, 'percentile', path, { required: true, positive: true, max: 100 });
        const maxMs = c.number(o, 'maxMs', path, { required: true, positive: true });
        if (percentile !== undefined && maxMs !== undefined) out.push({ type, service: s.service, route: s.route, percentile, maxMs });
        break;
      }
      case 'minRequests': {
        c.known(o, path, ['type', 'service', 'route', 'min']);
        const s = subject();
        const min = c.number(o, 'min', path, { required: true, integer: true, min: 1 });
        if (min !== undefined) out.push({ type, service: s.service, route: s.route, min });
        break;
      }
      case 'breakerOpened':
      case 'breakerNotOpened': {
        c.known(o, path, type === 'breakerOpened' ? ['type', 'service', 'min'] : ['type', 'service']);
        const service = c.string(o, 'service', path, { required: true });
        if (service !== undefined && !services.has(service)) c.fail(joinPath(path, 'service'), `no device provides '${service}'`);
        const min = type === 'breakerOpened' ? c.number(o, 'min', path, { integer: true, min: 1 }) ?? 1 : 0;
        if (service !== undefined) out.push(type === 'breakerOpened' ? { type, service, min } : { type, service });
        break;
      }
      case 'converged':
        c.known(o, path, ['type']);
        out.push({ type });
        break;
      case 'noLostMessages':
        c.known(o, path, ['type']);
        if (!ctx.capabilities.messaging) c.fail(joinPath(path, 'type'), MESSAGING_PENDING);
        out.push({ type });
        break;
      case 'sagasSettled':
        c.known(o, path, ['type']);
        if (!ctx.capabilities.sagas) c.fail(joinPath(path, 'type'), SAGAS_PENDING);
        out.push({ type });
        break;
      default:
        break;
    }
  });
  return out;
};
