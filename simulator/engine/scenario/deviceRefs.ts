import type { DeviceSpec } from './Scenario';

/**
 * Resolves device references against the scenario's devices: an exact id, `*` (all), a glob with
 * `*` wildcards (`phone-*`), or `type:<deviceType>`. Returns the matching ids in declaration order
 * (no duplicates), or the first reference that matched nothing.
 */
export const resolveDeviceRefs = (refs: string[], devices: readonly DeviceSpec[]): { ids: string[]; unmatched: string | undefined } => {
  const picked = new Set<string>();
  for (const ref of refs) {
    const matches = devices.filter((d) => matchesRef(ref, d));
    if (matches.length === 0) {
      return { ids: [], unmatched: ref };
    }
    for (const d of matches) picked.add(d.id);
  }
  return { ids: devices.filter((d) => picked.has(d.id)).map((d) => d.id), unmatched: undefined };
};

const globCache = new Map<string, RegExp>();

/** True when device `d` is named by `ref`. */
export const matchesRef = (ref: string, d: DeviceSpec): boolean => {
  if (ref === '*' || ref === d.id) {
    return true;
  }
  if (ref.startsWith('type:')) {
    return d.type === ref.slice(5);
  }
  if (!ref.includes('*')) {
    return false;
  }
  let re = globCache.get(ref);
  if (re === undefined) {
    re = new RegExp(`^${ref.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    globCache.set(ref, re);
  }
  return re.test(d.id);
};
