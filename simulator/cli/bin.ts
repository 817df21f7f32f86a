// Entry point of the arkmesh-sim binary (bundled into simulator/dist/cli.js by scripts/build-cli.mjs).
import { main } from './main';
import { nodeIO } from './nodeIO';

declare const ARKMESH_SIM_VERSION: string;
const version = typeof ARKMESH_SIM_VERSION === 'string' ? ARKMESH_SIM_VERSION : 'dev';

main(process.argv.slice(2), nodeIO(version)).then(
  (code: number): void => {
    process.exitCode = code;
  },
  (e: unknown): void => {
    process.stderr.write(`arkmesh-sim: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 3;
  },
);
