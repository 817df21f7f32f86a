import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../simulator/engine/scenario/validateScenario';
import { Simulation } from '../../simulator/engine/world/Simulation';

describe('smoke', () => {
  it('runs', async () => {
    const scenario = parseScenario({
      name: 'smoke', seed: 1, duration: '5s',
      devices: [
        { id: 'phone', type: 'phone', services: [{ name: 'echo', latency: { p50: 5, p99: 20 } }] },
        { id: 'tv', type: 'tv', services: [{ name: 'media', latency: 3, errorRate: 0.1 }] },
        { id: 'watch', type: 'watch' },
      ],
      workload: { requests: [{ service: 'media', from: ['phone', 'watch'], rate: 50 }, { service: 'echo', from: 'watch', rate: 20 }] },
      expectations: [{ type: 'successRate', service: 'echo', min: 0.99 }, { type: 'converged' }],
    });
    const sim = Simulation.create(scenario);
    const t0 = performance.now();
    const report = await sim.runToEnd();
    console.log(JSON.stringify(report, null, 1).slice(0, 4000), performance.now() - t0);
    expect(report.finished).toBe(true);
  });
});
