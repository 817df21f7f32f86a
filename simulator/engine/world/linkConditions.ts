import { latencyModel } from '../scenario/latency';
import type { LinkSpec } from '../scenario/Scenario';
import type { LinkConditionsInit } from '../sdk';

/** SimNetwork conditions of a scenario link spec (fields left out stay unset: the base applies). */
export const linkInit = (spec: LinkSpec): LinkConditionsInit => {
  const init: LinkConditionsInit = {};
  if (spec.latency !== undefined) init.latency = latencyModel(spec.latency);
  if (spec.jitterMs !== undefined) init.jitterMs = spec.jitterMs;
  if (spec.loss !== undefined) init.loss = spec.loss;
  if (spec.duplicate !== undefined) init.duplicate = spec.duplicate;
  if (spec.reorder !== undefined) init.reorder = spec.reorder;
  if (spec.reorderDelayMs !== undefined) init.reorderDelayMs = spec.reorderDelayMs;
  if (spec.bandwidthBytesPerSec !== undefined) init.bandwidthBytesPerSec = spec.bandwidthBytesPerSec;
  return init;
};

/** `latency lognormal(...), loss 20%` */
export const describeLink = (spec: LinkSpec): string => {
  const parts: string[] = [];
  if (spec.latency !== undefined) parts.push(`latency ${latencyModel(spec.latency).describe()}`);
  if (spec.jitterMs !== undefined) parts.push(`jitter ${spec.jitterMs} ms`);
  if (spec.loss !== undefined) parts.push(`loss ${Math.round(spec.loss * 1000) / 10}%`);
  if (spec.duplicate !== undefined) parts.push(`duplicate ${Math.round(spec.duplicate * 1000) / 10}%`);
  if (spec.reorder !== undefined) parts.push(`reorder ${Math.round(spec.reorder * 1000) / 10}%`);
  if (spec.bandwidthBytesPerSec !== undefined) parts.push(`bandwidth ${spec.bandwidthBytesPerSec} B/s`);
  return parts.length === 0 ? 'defaults' : parts.join(', ');
};
