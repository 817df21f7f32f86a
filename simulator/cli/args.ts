/** Parsed command line of `arkmesh-sim`. */
export interface CliArgs {
  command: 'run' | 'validate' | 'list' | 'help' | 'version';
  /** Scenario file or bundled scenario name (run, validate). */
  target: string | undefined;
  seed: string | undefined;
  duration: string | undefined;
  /** 'max' or virtual seconds per wall second. */
  speed: 'max' | number;
  out: string | undefined;
  format: 'text' | 'json';
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage:
  arkmesh-sim run <scenario.json | bundled name> [--seed N] [--duration 10m] [--speed max|N] [--out dir] [--format text|json]
  arkmesh-sim validate <scenario.json | bundled name>
  arkmesh-sim list
  arkmesh-sim help | --version

run       runs a scenario headless (as fast as possible, or paced at N virtual seconds per second),
          prints progress and a summary, writes report.json, traces (OTLP, Jaeger), metrics.prom and
          events.jsonl to --out; exit code 0 when every expectation holds, 1 otherwise, 2 for an
          invalid scenario or command line
validate  checks a scenario file and lists every problem with the path of the bad field
list      lists the bundled scenarios`;

const COMMANDS = ['run', 'validate', 'list', 'help'];

/** Parses argv (without node and the script). Throws UsageError for a bad command line. */
export const parseArgs = (argv: readonly string[]): CliArgs => {
  const args: CliArgs = { command: 'help', target: undefined, seed: undefined, duration: undefined, speed: 'max', out: undefined, format: 'text' };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string): string => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const flag = a.startsWith('--') ? a.split('=')[0] : a;
    switch (flag) {
      case '--seed':
        args.seed = value('--seed');
        break;
      case '--duration':
        args.duration = value('--duration');
        break;
      case '--speed': {
        const v = value('--speed');
        if (v === 'max') {
          args.speed = 'max';
        } else {
          const n = Number(v);
          if (!Number.isFinite(n) || n < 0.1 || n > 100) throw new UsageError(`--speed must be 'max' or a number from 0.1 to 100, not '${v}'`);
          args.speed = n;
        }
        break;
      }
      case '--out':
        args.out = value('--out');
        break;
      case '--format': {
        const v = value('--format');
        if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not '${v}'`);
        args.format = v;
        break;
      }
      case '--help':
      case '-h':
        args.command = 'help';
        return args;
      case '--version':
      case '-v':
        args.command = 'version';
        return args;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        rest.push(a);
    }
  }
  if (rest.length === 0) return args;
  if (!COMMANDS.includes(rest[0])) throw new UsageError(`unknown command '${rest[0]}'`);
  args.command = rest[0] as CliArgs['command'];
  if (args.command === 'run' || args.command === 'validate') {
    if (rest.length < 2) throw new UsageError(`${args.command} needs a scenario file`);
    args.target = rest[1];
    if (rest.length > 2) throw new UsageError(`unexpected argument '${rest[2]}'`);
  } else if (rest.length > 1) {
    throw new UsageError(`unexpected argument '${rest[1]}'`);
  }
  return args;
};
