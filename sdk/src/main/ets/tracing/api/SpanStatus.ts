/** Outcome of a span. The values are OTLP's `Status.StatusCode` numbers. */
export enum SpanStatusCode {
  /** Nobody said: the default. */
  UNSET = 0,
  /** The operation succeeded (set explicitly; final once set). */
  OK = 1,
  /** The operation failed. */
  ERROR = 2
}

/** A span's status: a code plus, for ERROR, a description. */
export class SpanStatus {
  readonly code: SpanStatusCode;
  /** Description of an error; empty unless the code is ERROR. */
  readonly message: string;

  constructor(code: SpanStatusCode, message?: string) {
    this.code = code;
    this.message = code === SpanStatusCode.ERROR ? (message ?? '') : '';
  }

  /** The UNSET status every span starts with. */
  static readonly UNSET: SpanStatus = new SpanStatus(SpanStatusCode.UNSET);
  /** The OK status. */
  static readonly OK: SpanStatus = new SpanStatus(SpanStatusCode.OK);
}

/** `OK`, `ERROR` or `UNSET`: the names OpenTelemetry's exporters write into `otel.status_code`. */
export const spanStatusName = (code: SpanStatusCode): string => {
  switch (code) {
    case SpanStatusCode.OK:
      return 'OK';
    case SpanStatusCode.ERROR:
      return 'ERROR';
    default:
      return 'UNSET';
  }
};
