import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../simulator/engine/scenario/validateScenario';
import { Simulation } from '../../simulator/engine/world/Simulation';

const scenario = parseScenario({
  name: 'smoke', seed: 1, duration: '5s',
  devices: [
    { id: 'phone', type: 'phone', services: [{ name: 'echo', latency: { p50: 5, p99: 20 } }] },
    { id: 'tv', type: 'tv', services: [{ name: 'media', latency: 3, errorRate: 0.1 }] },
    { id: 'watch', type: 'watch' },
  ],
  workload: { requests: [{ service: 'media', from: ['phone', 'watch'], rate: 50 }, { service: 'echo', from: 'watch', rate: 20 }] },
  faults: [{ at: '3s', action: 'crash', device: 'tv', duration: '1s' }],
  expectations: [{ type: 'successRate', service: 'echo', min: 0.99 }, { type: 'converged' }],
});

describe('smoke', () => {
  it('same hash however sliced', async () => {
    const a = Simulation.create(scenario);
    const ra = await a.runToEnd();
    const b = Simulation.create(scenario);
    let t = 0;
    while (!b.finished) { t += 1 + ((t * 7919) % 333); await b.advanceTo(t); }
    const rb = b.report();
    const c = Simulation.create(scenario, { settle: 'microtask' });
    const rc = await c.runToEnd();
    console.log(ra.eventHash, rb.eventHash, rc.eventHash, ra.events, JSON.stringify(ra.services), JSON.stringify(ra.workload), ra.wallMs, rc.wallMs);
    expect(rb.eventHash).toBe(ra.eventHash);
  });
});
