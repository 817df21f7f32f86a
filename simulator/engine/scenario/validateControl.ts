import { ENGINE_CAPABILITIES } from './capabilities';
import { Checker } from './Checker';
import type { JsonRecord, ScenarioIssue } from './Checker';
import { resolveDeviceRefs } from './deviceRefs';
import type { ReadContext } from './readers';
import type { FaultAction, Scenario } from './Scenario';
import { readFaultAction } from './validateActivity';

export type ControlValidation =
  | { ok: true; action: FaultAction; issues: [] }
  | { ok: false; action: undefined; issues: ScenarioIssue[] };

/**
 * Checks a live control (the JSON shape of a fault without `at`: `{ action: 'crash', device: 'tv' }`)
 * against a running scenario, with the same rules and messages as the scenario's `faults`.
 */
export const validateControl = (scenario: Scenario, input: unknown): ControlValidation => {
  const c = new Checker();
  const o = c.object(input, '');
  if (o === undefined) return { ok: false, action: undefined, issues: c.issues };
  const ctx: ReadContext = {
    c, devices: scenario.devices, durationMs: scenario.durationMs, warmupMs: scenario.warmupMs,
    capabilities: ENGINE_CAPABILITIES, gateway: scenario.gateway,
    refs: (refs: string[] | undefined, path: string): string[] | undefined => {
      if (refs === undefined) return undefined;
      const r = resolveDeviceRefs(refs, scenario.devices);
      return r.unmatched === undefined ? r.ids : c.fail(path, `no device matches '${r.unmatched}'`);
    },
  };
  const action = readFaultAction(ctx, o as JsonRecord, '', scenario.workload.requests.map((s) => s.id));
  if (action === undefined || !c.ok) return { ok: false, action: undefined, issues: c.issues };
  return { ok: true, action, issues: [] };
};
