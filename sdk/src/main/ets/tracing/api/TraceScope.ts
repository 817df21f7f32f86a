/** The instrumentation that created a span (OpenTelemetry's instrumentation scope): a name and a version. */
export class TraceScope {
  readonly name: string;
  readonly version: string | undefined;

  constructor(name: string, version?: string) {
    this.name = name;
    this.version = version;
  }
}
