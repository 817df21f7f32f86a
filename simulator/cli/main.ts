import { callTotals, formatIssue, Simulation, TRACE_FORMATS, traceFileName, validateScenario } from '../engine/index';
import type { Scenario, SimEvent, SimulationReport } from '../engine/index';
import { renderPrometheus } from '../engine/sdk';
import { parseArgs, USAGE } from './args';
import type { CliArgs } from './args';
import { formatDuration, formatReport, progressLine } from './format';

/** Everything the CLI touches outside the engine (a fake in tests, Node in cli/bin.ts). */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress bar) — otherwise plain progress lines. */
  isTTY: boolean;
  readFile(path: string): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Bundled scenario files: name -> path. */
  bundledScenarios(): Promise<Map<string, string>>;
  join(...parts: string[]): string;
  /** Wall-clock ms and a sleep, for `--speed N`. */
  now(): number;
  sleep(ms: number): Promise<void>;
  version: string;
}

export const EXIT_OK = 0;
export const EXIT_EXPECTATIONS_FAILED = 1;
export const EXIT_INVALID = 2;

/** Runs `arkmesh-sim` with `argv` (without node and the script); resolves with the exit code. */
export const main = async (argv: readonly string[], io: CliIO): Promise<number> => {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`arkmesh-sim: ${(e as Error).message}\n\n${USAGE}\n`);
    return EXIT_INVALID;
  }
  switch (args.command) {
    case 'help':
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    case 'version':
      io.stdout(`arkmesh-sim ${io.version}\n`);
      return EXIT_OK;
    case 'list':
      return list(io);
    case 'validate':
    case 'run': {
      const loaded = await load(args, io);
      if (loaded === undefined) return EXIT_INVALID;
      if (args.command === 'validate') {
        io.stdout(`${loaded.source}: valid (${loaded.scenario.devices.length} devices, ${formatDuration(loaded.scenario.durationMs)}, ` +
          `${loaded.scenario.workload.requests.length} request streams, ${loaded.scenario.faults.length} faults, ` +
          `${loaded.scenario.expectations.length} expectations)\n`);
        return EXIT_OK;
      }
      return run(loaded.scenario, args, io);
    }
  }
};

const list = async (io: CliIO): Promise<number> => {
  const bundled = await io.bundledScenarios();
  const rows: string[] = [];
  for (const [name, path] of [...bundled].sort((a, b) => a[0].localeCompare(b[0]))) {
    let json: unknown;
    try {
      json = JSON.parse(await io.readFile(path));
    } catch (e) {
      rows.push(`${name.padEnd(24)} (unreadable: ${(e as Error).message})`);
      continue;
    }
    const description = typeof (json as { description?: unknown }).description === 'string' ? (json as { description: string }).description : '';
    const v = validateScenario(json);
    rows.push(`${name.padEnd(24)} ${description}${v.ok ? '' : `\n${' '.repeat(25)}cannot run yet: ${v.issues.map(formatIssue).join('; ')}`}`);
  }
  io.stdout(`Bundled scenarios (arkmesh-sim run <name>):\n${rows.map((r) => `  ${r}`).join('\n')}\n`);
  return EXIT_OK;
};

const load = async (args: CliArgs, io: CliIO): Promise<{ scenario: Scenario; source: string } | undefined> => {
  const target = args.target as string;
  let path = target;
  if (!(await io.exists(target))) {
    const bundled = (await io.bundledScenarios()).get(target.replace(/\.json$/, ''));
    if (bundled === undefined) {
      io.stderr(`arkmesh-sim: no file '${target}' and no bundled scenario of that name (see arkmesh-sim list)\n`);
      return undefined;
    }
    path = bundled;
  }
  let input: unknown;
  try {
    input = JSON.parse(await io.readFile(path));
  } catch (e) {
    io.stderr(`${path}: not a valid JSON file: ${(e as Error).message}\n`);
    return undefined;
  }
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const o = input as Record<string, unknown>;
    if (args.seed !== undefined) o['seed'] = /^-?\d+$/.test(args.seed) ? Number(args.seed) : args.seed;
    if (args.duration !== undefined) o['duration'] = args.duration;
  }
  const v = validateScenario(input);
  if (!v.ok) {
    io.stderr(`${path}: ${v.issues.length} problem${v.issues.length === 1 ? '' : 's'}:\n${v.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
    return undefined;
  }
  return { scenario: v.scenario, source: path };
};

const run = async (scenario: Scenario, args: CliArgs, io: CliIO): Promise<number> => {
  const sim = Simulation.create(scenario);
  const json = args.format === 'json';
  const progress = createProgress(sim, io, json);
  const slice = Math.max(100, Math.min(1000, scenario.durationMs / 100));
  const wallStart = io.now();
  while (!sim.finished) {
    const next = sim.elapsed() + slice;
    if (args.speed !== 'max') {
      // Paced: virtual time runs `speed` times as fast as wall time.
      const due = wallStart + next / args.speed;
      const wait = due - io.now();
      if (wait > 0) await io.sleep(wait);
    }
    await sim.advanceTo(next);
    progress.update();
  }
  progress.done();
  const report = sim.report();
  if (args.out !== undefined) await writeOutputs(sim, report, args.out, io);
  if (json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(`${formatReport(report)}\n`);
    if (args.out !== undefined) io.stdout(`Wrote report.json, ${TRACE_FORMATS.filter((f) => f !== 'zipkin').map(traceFileName).join(', ')}, metrics.prom and events.jsonl to ${args.out}\n`);
  }
  if (!report.passed) {
    const failed = report.expectations.filter((e) => !e.passed);
    io.stderr(`arkmesh-sim: ${failed.length} expectation${failed.length === 1 ? '' : 's'} failed:\n` +
      `${failed.map((e) => `  ${e.description}: ${e.actual}`).join('\n')}\n`);
    return EXIT_EXPECTATIONS_FAILED;
  }
  return EXIT_OK;
};

const writeOutputs = async (sim: Simulation, report: SimulationReport, dir: string, io: CliIO): Promise<void> => {
  await io.mkdir(dir);
  await io.writeFile(io.join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  for (const format of ['otlp', 'jaeger'] as const) {
    await io.writeFile(io.join(dir, traceFileName(format)), JSON.stringify(sim.exportTraces(format)));
  }
  await io.writeFile(io.join(dir, 'metrics.prom'), renderPrometheus(sim.metrics.collect()));
  const events: SimEvent[] = sim.recentEvents();
  await io.writeFile(io.join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + (events.length > 0 ? '\n' : ''));
};

/** A progress bar on a terminal (redrawn in place), plain lines every 10% otherwise. */
const createProgress = (sim: Simulation, io: CliIO, quiet: boolean): { update: () => void; done: () => void } => {
  let lastWall = io.now();
  let lastEvents = 0;
  let lastDecile = -1;
  let rate = 0;
  const line = (): string => {
    const now = io.now();
    if (now - lastWall >= 200) {
      rate = ((sim.events.total - lastEvents) * 1000) / (now - lastWall);
      lastWall = now;
      lastEvents = sim.events.total;
    }
    return progressLine(sim.elapsed(), sim.scenario.durationMs, rate, callTotals(sim.meter).calls);
  };
  return {
    update: (): void => {
      if (quiet) return;
      if (io.isTTY) {
        io.stderr(`\r${line()}`);
        return;
      }
      const decile = Math.floor((10 * sim.elapsed()) / sim.scenario.durationMs);
      if (decile > lastDecile) {
        lastDecile = decile;
        io.stderr(`${line()}\n`);
      }
    },
    done: (): void => {
      if (!quiet && io.isTTY) io.stderr(`\r${line()}\n`);
    },
  };
};
