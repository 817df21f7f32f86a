// Lets desktop tests import DevEco .ets entry files (vitest strips their types with esbuild). The
// .ets sources themselves are type-checked by the ArkTS gate, not by this tsconfig.
declare module '*.ets' {
  const exported: Record<string, unknown>;
  export = exported;
}
