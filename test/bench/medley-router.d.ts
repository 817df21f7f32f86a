// Types for @medley/router 0.2 (the package ships none), as far as the router benchmark uses it.
declare module '@medley/router' {
  interface MedleyMatch {
    store: Record<string, unknown>;
    params: Record<string, string>;
  }
  class MedleyRouter {
    constructor(options?: { storeFactory?: () => Record<string, unknown> });
    register(path: string): Record<string, unknown>;
    find(url: string): MedleyMatch | null;
    debugTree(): string;
  }
  export = MedleyRouter;
}
