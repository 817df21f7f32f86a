/// <reference types="vite/client" />
/** A scenario shipped with the simulator (simulator/scenarios/*.json). */
export interface BundledScenario {
  /** File name without `.json`. */
  id: string;
  name: string;
  description: string;
  devices: number;
  text: string;
}

const files = import.meta.glob('../../scenarios/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

interface Head {
  name?: unknown;
  description?: unknown;
  devices?: unknown;
}

/** Counts declared devices (a group with `count` counts as that many). */
const countDevices = (devices: unknown): number => {
  if (!Array.isArray(devices)) return 0;
  let n = 0;
  for (const d of devices as unknown[]) {
    const count = d !== null && typeof d === 'object' ? (d as { count?: unknown }).count : undefined;
    n += typeof count === 'number' && count > 0 ? count : 1;
  }
  return n;
};

/** Reads the bundled scenario files (name and description from their JSON). */
export const readBundled = (sources: Record<string, string>): BundledScenario[] => {
  const out: BundledScenario[] = [];
  for (const [path, text] of Object.entries(sources)) {
    const id = path.replace(/^.*\//, '').replace(/\.json$/, '');
    let head: Head = {};
    try {
      head = JSON.parse(text) as Head;
    } catch {
      // Listed anyway: opening it shows the syntax error inline.
    }
    out.push({
      id, text, name: typeof head.name === 'string' ? head.name : id,
      description: typeof head.description === 'string' ? head.description : '', devices: countDevices(head.devices),
    });
  }
  return out.sort((a, b) => a.devices - b.devices || a.id.localeCompare(b.id));
};

/** The scenarios bundled into this build. */
export const BUNDLED_SCENARIOS: readonly BundledScenario[] = readBundled(files);
