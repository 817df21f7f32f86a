import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatIssue, parseDuration, parseScenario, ScenarioError, validateControl, validateScenario,
} from '../../simulator/engine/index';
import type { ScenarioIssue } from '../../simulator/engine/index';

const base = (): Record<string, unknown> => ({
  name: 'v',
  duration: '10s',
  devices: [
    { id: 'phone', type: 'phone', services: [{ name: 'a' }] },
    { id: 'tv', type: 'tv', services: [{ name: 'b', latency: { p50: 5, p99: 50 } }] },
    { id: 'watch', type: 'watch', services: [{ name: 'c', latency: { p50: 5, p99: 20 } }] },
  ],
});

const issuesOf = (input: unknown): string[] => {
  const v = validateScenario(input);
  return v.ok ? [] : v.issues.map(formatIssue);
};

const withChange = (change: (s: Record<string, unknown>) => void): string[] => {
  const s = base();
  change(s);
  return issuesOf(s);
};

const devices = (s: Record<string, unknown>): Record<string, unknown>[] => s['devices'] as Record<string, unknown>[];
const services = (d: Record<string, unknown>): Record<string, unknown>[] => d['services'] as Record<string, unknown>[];

describe('scenario validation', () => {
  it('accepts a minimal scenario and fills in the defaults', () => {
    const v = validateScenario(base());
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const s = v.scenario;
    expect(s.durationMs).toBe(10000);
    expect(s.warmupMs).toBe(2000);
    expect(s.seed).toBe('arkmesh');
    expect(s.devices.map((d) => d.id)).toEqual(['phone', 'tv', 'watch']);
    expect(s.devices[0].services[0]).toMatchObject({ name: 'a', version: '1.0.0', errorRate: 0, errorCode: 'ERR_UPSTREAM', queue: 0, weight: 1 });
    expect(s.devices[0].services[0].handler.type).toBe('echo');
    // p50/p99 become the log-normal through both points.
    const lat = s.devices[1].services[0].latency;
    expect(lat.dist).toBe('lognormal');
    if (lat.dist === 'lognormal') {
      expect(lat.median).toBe(5);
      expect(lat.median * Math.exp(lat.sigma * 2.3263478740408408)).toBeCloseTo(50, 6);
    }
    expect(s.resilience.breaker.enabled).toBe(true);
    expect(s.tracing).toEqual({ enabled: true, sampleRatio: 1, maxSpans: 5000 });
  });

  it('names the JSON path of a bad field (the issue text example)', () => {
    const issues = withChange((s) => {
      services(devices(s)[2])[0]['latency'] = { p50: 5, p99: -3 };
    });
    expect(issues).toEqual(['devices[2].services[0].latency.p99: must be a positive number']);
  });

  it('reports every problem, not just the first', () => {
    const issues = withChange((s) => {
      s['duration'] = 'ten seconds';
      devices(s)[0]['type'] = 'toaster';
      services(devices(s)[1])[0]['errorRate'] = 1.5;
      services(devices(s)[1])[0]['version'] = 'v1';
      s['seed'] = { x: 1 };
    });
    expect(issues).toEqual(expect.arrayContaining([
      "duration: must be a duration such as '250ms', '1.5s', '10m', '1h' or a number of milliseconds",
      'devices[0].type: must be one of phone, tablet, watch, tv, car, pc',
      'devices[1].services[0].errorRate: must be a probability between 0 and 1',
      "devices[1].services[0].version: 'v1' is not a semantic version (e.g. 1.2.0)",
      'seed: must be an integer or a non-empty string',
    ]));
    expect(issues).toHaveLength(5);
  });

  it('flags unknown fields, suggesting the likely one', () => {
    expect(withChange((s) => {
      s['duraton'] = '5s';
    })).toEqual(["duraton: unknown field (did you mean 'duration'?)"]);
    expect(withChange((s) => {
      services(devices(s)[0])[0]['latncy'] = 5;
    })).toEqual(["devices[0].services[0].latncy: unknown field (did you mean 'latency'?)"]);
    expect(withChange((s) => {
      s['zzz'] = 1;
    })).toEqual(['zzz: unknown field']);
    expect(withChange((s) => {
      s['odd key'] = 1;
    })).toEqual(['["odd key"]: unknown field']);
  });

  it('checks required fields and types', () => {
    expect(issuesOf(null)).toEqual(['must be an object']);
    expect(issuesOf({})).toEqual(['name: is required', 'duration: is required', 'devices: is required']);
    expect(withChange((s) => {
      s['devices'] = [];
    })).toEqual(['devices: must declare at least one device']);
    expect(withChange((s) => {
      devices(s)[0]['services'] = [{ version: '1.0.0' }];
    })).toEqual(['devices[0].services[0].name: is required']);
  });

  it('expands device groups and refuses duplicate ids', () => {
    const v = validateScenario({ ...base(), devices: [{ id: 'p{i}', type: 'phone', count: 3 }, { id: 'w', type: 'watch', count: 2 }] });
    expect(v.ok && v.scenario.devices.map((d) => d.id)).toEqual(['p0', 'p1', 'p2', 'w-0', 'w-1']);
    expect(withChange((s) => {
      devices(s).push({ id: 'tv', type: 'tv' });
    })).toEqual(["devices[3].id: 'tv' is already declared by devices[1]"]);
    expect(withChange((s) => {
      devices(s)[0]['id'] = 'bad id';
    })).toEqual([`devices[0].id: 'bad id' must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit`]);
  });

  it('resolves device references (ids, globs, type:) and reports the ones that match nothing', () => {
    const v = validateScenario({ ...base(), network: { links: [{ from: 'type:watch', to: ['p*', 'tv'], loss: 0.2 }] } });
    expect(v.ok && v.scenario.network.links[0]).toEqual({ from: ['watch'], to: ['phone', 'tv'], bidirectional: true, conditions: { loss: 0.2 } });
    expect(withChange((s) => {
      s['network'] = { links: [{ from: 'fridge', to: '*' }] };
    })).toEqual(["network.links[0].from: no device matches 'fridge'"]);
  });

  it('checks workload streams against services, the gateway and the duration', () => {
    expect(withChange((s) => {
      s['workload'] = { requests: [{ service: 'nope', rate: 5 }] };
    })).toEqual(["workload.requests[0].service: no device provides 'nope'"]);
    expect(withChange((s) => {
      s['workload'] = { requests: [{ route: '/x', rate: 5 }] };
    })).toEqual(['workload.requests[0].route: needs a gateway (the scenario has none)']);
    expect(withChange((s) => {
      s['workload'] = { requests: [{ service: 'a', rate: -1, stop: '20s', pattern: { type: 'burst', every: '1s', length: '2s', rate: 5 } }] };
    })).toEqual([
      'workload.requests[0].rate: must be >= 0',
      'workload.requests[0].pattern.length: must not be longer than every',
      'workload.requests[0].stop: must be within the scenario duration',
    ]);
    expect(withChange((s) => {
      s['workload'] = { requests: [{ rate: 5 }] };
    })).toEqual(["workload.requests[0]: needs a 'service' or a 'route'"]);
  });

  it('checks gateway routes with the SDK router', () => {
    expect(withChange((s) => {
      s['gateway'] = { device: 'phone', routes: [{ path: 'no-slash', service: 'a' }] };
    })).toEqual([expect.stringMatching(/^gateway\.routes\[0\]\.path: /)]);
    expect(withChange((s) => {
      s['gateway'] = { device: 'fridge', routes: [] };
    })).toEqual(["gateway.device: no device 'fridge'"]);
  });

  it('checks faults and expectations', () => {
    expect(withChange((s) => {
      s['faults'] = [
        { at: '20s', action: 'crash', device: 'tv' },
        { at: '1s', action: 'explode' },
        { at: '2s', action: 'heal', partition: 'p9' },
        { at: '3s', action: 'partition', sideA: ['tv'], sideB: ['tv'] },
      ];
      s['expectations'] = [{ type: 'successRate', service: 'zzz', min: 2 }, { type: 'latency', percentile: 99 }];
    })).toEqual([
      'faults[0].at: must be within the scenario duration',
      'faults[1].action: must be one of crash, restart, partition, heal, link, clearLinks, network, gatewayFault, service, workloadRate',
      'faults[3].sideB: must not share devices with sideA',
      "faults[2].partition: no partition 'p9'",
      "expectations[0].service: no device provides 'zzz'",
      'expectations[0].min: must be between 0 and 1',
      'expectations[1].maxMs: is required',
    ]);
  });

  it('says which scenarios need SDK features an engine cannot run', () => {
    const s0 = base();
    s0['workload'] = { publishers: [{ topic: 't', rate: 1 }], sagas: [{ saga: 'order', from: 'phone', rate: 1 }] };
    s0['expectations'] = [{ type: 'noLostMessages' }];
    const v0 = validateScenario(s0, { capabilities: { messaging: false, sagas: false } });
    const issues = v0.ok ? [] : v0.issues.map(formatIssue);
    expect(issues.join('\n')).toMatch(/workload\.publishers: needs messaging/);
    expect(issues.join('\n')).toMatch(/workload\.sagas: needs sagas/);
    expect(issues.join('\n')).toMatch(/expectations\[0\]\.type: needs messaging/);
    // With the capabilities, the same shapes validate.
    const s = base();
    s['workload'] = { publishers: [{ topic: 't', rate: 1 }], consumers: [{ devices: 'tv', topic: 't', group: 'g' }] };
    expect(validateScenario(s, { capabilities: { messaging: true, sagas: true } }).ok).toBe(true);
  });

  it('parseScenario throws a ScenarioError listing every issue, also for bad JSON', () => {
    expect(() => parseScenario('{ nope')).toThrow(ScenarioError);
    try {
      parseScenario({ name: 'x' });
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).code).toBe('ERR_SCENARIO_INVALID');
      expect((e as ScenarioError).issues.map((i) => i.path)).toEqual(['duration', 'devices']);
    }
  });

  it('parses durations', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('10m')).toBe(600000);
    expect(parseDuration('1h')).toBe(3600000);
    expect(parseDuration(' 7 ')).toBe(7);
    expect(parseDuration(42)).toBe(42);
    for (const bad of ['', '1d', '-1s', 'x', '1.2.3s', NaN, -5, null]) expect(parseDuration(bad)).toBeUndefined();
  });

  it('validates live controls like faults', () => {
    const s = parseScenario(base());
    expect(validateControl(s, { action: 'crash', device: 'tv' })).toMatchObject({ ok: true, action: { action: 'crash', device: 'tv' } });
    expect(validateControl(s, { action: 'crash', device: 'fridge' }).issues.map(formatIssue)).toEqual(["device: no device 'fridge'"]);
    expect(validateControl(s, { action: 'link', from: 'watch', to: '*', loss: 3 }).issues.map(formatIssue)).toEqual([
      'loss: must be a probability between 0 and 1',
    ]);
    expect(validateControl(s, { action: 'crash', device: 'tv', at: '1s' }).issues.map(formatIssue)).toEqual(['at: unknown field']);
  });

  it('never throws, whatever the input, and every issue has a well-formed path (property)', () => {
    // `a.b[2].c`, with `["odd key"]` segments for keys that are not identifiers.
    const seg = '(\\[\\d+\\]|\\["(?:[^"\\\\]|\\\\.)*"\\])';
    const pathRe = new RegExp(`^$|^([A-Za-z_$][\\w$]*|${seg})${seg}*(\\.[A-Za-z_$][\\w$]*${seg}*)*$`);
    const check = (input: unknown): void => {
      const v = validateScenario(input);
      if (!v.ok) {
        expect(v.issues.length).toBeGreaterThan(0);
        for (const i of v.issues as ScenarioIssue[]) {
          expect(typeof i.message).toBe('string');
          expect(i.path).toMatch(pathRe);
        }
      }
    };
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 300 });
    // Mutations of a valid scenario: any field replaced by any JSON value.
    const keys = ['name', 'duration', 'warmup', 'seed', 'network', 'resilience', 'gateway', 'tracing', 'metrics', 'events', 'workload', 'faults',
      'expectations'];
    fc.assert(fc.property(fc.constantFrom(...keys), fc.jsonValue(), fc.nat(2), fc.jsonValue(), (key, value, device, svcValue) => {
      const s = base();
      s[key] = value;
      services(devices(s)[device])[0]['latency'] = svcValue;
      check(s);
    }), { numRuns: 400 });
  });
});
