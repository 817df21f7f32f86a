import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIO } from './main';

/** simulator/scenarios, from simulator/cli/*.ts (sources) or simulator/dist/cli.js (the build). */
export const BUNDLED_SCENARIO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../scenarios');

/** The CLI's IO on Node: the process's streams and files. */
export const nodeIO = (version: string, scenarioDir: string = BUNDLED_SCENARIO_DIR): CliIO => ({
  stdout: (text: string): void => {
    process.stdout.write(text);
  },
  stderr: (text: string): void => {
    process.stderr.write(text);
  },
  isTTY: process.stderr.isTTY === true,
  readFile: (p: string): Promise<string> => readFile(p, 'utf8'),
  writeFile: (p: string, data: string): Promise<void> => writeFile(p, data, 'utf8'),
  mkdir: async (p: string): Promise<void> => {
    await mkdir(p, { recursive: true });
  },
  exists: (p: string): Promise<boolean> => Promise.resolve(existsSync(p)),
  bundledScenarios: async (): Promise<Map<string, string>> => {
    const out = new Map<string, string>();
    const files = existsSync(scenarioDir) ? await readdir(scenarioDir) : [];
    for (const f of files) if (f.endsWith('.json')) out.set(f.slice(0, -5), path.join(scenarioDir, f));
    return out;
  },
  join: (...parts: string[]): string => path.join(...parts),
  now: (): number => performance.now(),
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
  version,
});
