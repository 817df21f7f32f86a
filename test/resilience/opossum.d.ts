// The part of opossum's API the resilience benchmark uses (the package ships no declarations).
declare module 'opossum' {
  interface OpossumOptions {
    timeout?: number | false;
    resetTimeout?: number;
    errorThresholdPercentage?: number;
    volumeThreshold?: number;
  }
  class CircuitBreaker<R> {
    constructor(action: (...args: unknown[]) => Promise<R>, options?: OpossumOptions);
    fire(...args: unknown[]): Promise<R>;
    open(): void;
    close(): void;
    shutdown(): void;
  }
  export default CircuitBreaker;
}
