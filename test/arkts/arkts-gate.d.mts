export interface GateDiagnostic {
  file: string;
  line: number;
  col: number;
  check: 'arkts' | 'portable';
  severity: 'error' | 'warning';
  message: string;
}
export interface GateRun {
  root?: string;
  sources: string[];
  shims?: string[];
  suites?: string[];
  portableExclude?: (relativePath: string) => boolean;
}
export function gateInputs(root?: string): { sources: string[]; shims: string[]; suites: string[] };
export function runGate(run: GateRun): GateDiagnostic[];
export function formatDiag(d: GateDiagnostic): string;
