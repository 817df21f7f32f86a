import type { BreakerEvent } from '../../../engine/index';

export interface StateSegment {
  from: number;
  to: number;
  state: string;
}

export interface BreakerLane {
  /** `device|breaker`. */
  key: string;
  device: string;
  breaker: string;
  segments: StateSegment[];
  transitions: number;
}

/** Per breaker, the states it was in over [0, now] (closed before its first transition). */
export const breakerLanes = (transitions: readonly BreakerEvent[], now: number, maxLanes: number): BreakerLane[] => {
  const byKey = new Map<string, BreakerEvent[]>();
  for (const t of transitions) {
    const key = `${t.device}|${t.breaker}`;
    let list = byKey.get(key);
    if (list === undefined) byKey.set(key, (list = []));
    list.push(t);
  }
  const lanes: BreakerLane[] = [];
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.t - b.t || a.seq - b.seq);
    const segments: StateSegment[] = [];
    let at = 0;
    let state = list[0].from;
    for (const t of list) {
      if (t.t > at) segments.push({ from: at, to: t.t, state });
      at = t.t;
      state = t.to;
    }
    segments.push({ from: at, to: Math.max(at, now), state });
    lanes.push({ key, device: list[0].device, breaker: list[0].breaker, segments, transitions: list.length });
  }
  lanes.sort((a, b) => b.transitions - a.transitions || a.key.localeCompare(b.key));
  return lanes.slice(0, maxLanes);
};

export const STATE_COLOURS: Record<string, string> = {
  closed: '#238636', open: '#da3633', 'half-open': '#d29922', 'forced-open': '#8b1a1a', disabled: '#484f58',
};
