import type { EngineCapabilities } from './capabilities';
import { Checker, joinPath } from './Checker';
import type { JsonRecord } from './Checker';
import { readLatency } from './latency';
import type { DeviceSpec, GatewaySpec, LinkSpec } from './Scenario';

// Field readers and constants shared by validateScenario and validateActivity.

export const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const ID_MESSAGE = 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';
export const SERVICE_NAME = /^[A-Za-z][A-Za-z0-9._-]{0,127}$/;
export const ERROR_CODE = /^ERR_[A-Z0-9_]+$/;
export const METHOD = /^[A-Z]+$/;

/** Shared state of one validation: the checker, the devices read so far, capabilities. */
export interface ReadContext {
  c: Checker;
  devices: DeviceSpec[];
  durationMs: number;
  warmupMs: number;
  capabilities: EngineCapabilities;
  /** Resolves device references at `path`; issues when one matches nothing. */
  refs: (refs: string[] | undefined, path: string) => string[] | undefined;
  gateway: GatewaySpec | undefined;
}

export const LINK_KEYS = ['latency', 'jitterMs', 'loss', 'duplicate', 'reorder', 'reorderDelayMs', 'bandwidthBytesPerSec'];

/** Link conditions of `o` (the fields of LinkInput), issues under `path`. */
export const readLinkFields = (c: Checker, o: JsonRecord, path: string): LinkSpec => {
  const link: LinkSpec = {};
  if (o['latency'] !== undefined) link.latency = readLatency(c, o['latency'], joinPath(path, 'latency'));
  link.jitterMs = c.number(o, 'jitterMs', path, { min: 0 });
  link.loss = c.probability(o, 'loss', path);
  link.duplicate = c.probability(o, 'duplicate', path);
  link.reorder = c.probability(o, 'reorder', path);
  link.reorderDelayMs = c.number(o, 'reorderDelayMs', path, { min: 0 });
  link.bandwidthBytesPerSec = c.number(o, 'bandwidthBytesPerSec', path, { min: 0 });
  for (const key of Object.keys(link) as (keyof LinkSpec)[]) {
    if (link[key] === undefined) delete link[key];
  }
  return link;
};

/** The `delay` and `abort` fields of `o` (gateway fault injection). */
export const readFaultShares = (c: Checker, o: JsonRecord, path: string): { delay: { ms: number; percent: number } | undefined; abort: { status: number; percent: number } | undefined } => {
  let delay: { ms: number; percent: number } | undefined;
  let abort: { status: number; percent: number } | undefined;
  if (o['delay'] !== undefined) {
    const dp = joinPath(path, 'delay');
    const d = c.object(o['delay'], dp);
    if (d !== undefined) {
      c.known(d, dp, ['ms', 'percent']);
      const ms = c.number(d, 'ms', dp, { required: true, min: 0 });
      const percent = c.number(d, 'percent', dp, { required: true, min: 0, max: 100 });
      if (ms !== undefined && percent !== undefined) delay = { ms, percent };
    }
  }
  if (o['abort'] !== undefined) {
    const ap = joinPath(path, 'abort');
    const a = c.object(o['abort'], ap);
    if (a !== undefined) {
      c.known(a, ap, ['status', 'percent']);
      const status = c.number(a, 'status', ap, { integer: true, min: 400, max: 599 }) ?? 503;
      const percent = c.number(a, 'percent', ap, { required: true, min: 0, max: 100 });
      if (percent !== undefined) abort = { status, percent };
    }
  }
  return { delay, abort };
};
