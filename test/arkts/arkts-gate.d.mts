export interface GateDiagnostic {
  file: string;
  line: number;
  col: number;
  check: 'arkts' | 'portable' | 'ohos' | 'app';
  severity: 'error' | 'warning';
  message: string;
}
export interface GateRun {
  root?: string;
  sources: string[];
  shims?: string[];
  suites?: string[];
  app?: string[];
  portableExclude?: (relativePath: string) => boolean;
  adapterCheck?: (relativePath: string) => boolean;
}
export function gateInputs(root?: string): { sources: string[]; shims: string[]; suites: string[]; app: string[] };
export function isOhosAdapter(relativePath: string): boolean;
export function isArkUiDeclaration(relativePath: string): boolean;
export function runGate(run: GateRun): GateDiagnostic[];
export function formatDiag(d: GateDiagnostic): string;
