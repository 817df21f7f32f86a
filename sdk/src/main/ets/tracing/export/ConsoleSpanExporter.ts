import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonValue } from '../../core/json/JsonValue';
import { Logger } from '../../platform/logging/Logger';
import { ReadableSpan } from '../api/ReadableSpan';
import { spanKindName } from '../api/SpanKind';
import { spanStatusName } from '../api/SpanStatus';
import { otlpSpan } from './encodeOtlpJson';
import { SpanExporter, SpanExportResult } from './SpanExporter';

/** Receives one line of text per span. */
export type SpanLineSink = (line: string) => void;

/** Where a ConsoleSpanExporter writes: a logger, a line sink, or both (at least one). */
export interface ConsoleSpanExporterOptions {
  /** Each span is logged at INFO as `span` with flat fields (ids, name, kind, duration, status). */
  logger?: Logger;
  /** Each span is written as one line of OTLP-shaped JSON. */
  sink?: SpanLineSink;
}

/**
 * Prints spans for debugging through the injected Logger or a line sink: the SDK never prints on
 * its own, so the host decides where "console" is (stdout, hilog, the simulator's log pane).
 */
export class ConsoleSpanExporter implements SpanExporter {
  private readonly _logger: Logger | undefined;
  private readonly _sink: SpanLineSink | undefined;

  /** @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) when neither a logger nor a sink is given. */
  constructor(options: ConsoleSpanExporterOptions) {
    if (options.logger === undefined && options.sink === undefined) {
      throw new InvalidArgumentError('options', 'needs a logger or a sink');
    }
    this._logger = options.logger;
    this._sink = options.sink;
  }

  export(spans: ReadableSpan[]): Promise<SpanExportResult> {
    for (const span of spans) {
      try {
        this.write(span);
      } catch (e) {
        // A failing sink must not lose the rest of the batch.
      }
    }
    return Promise.resolve(SpanExportResult.SUCCESS);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private write(span: ReadableSpan): void {
    const context = span.spanContext();
    if (this._logger !== undefined) {
      this._logger.info('span', {
        'traceId': context.traceId,
        'spanId': context.spanId,
        'parentSpanId': span.parentSpanId,
        'name': span.name,
        'kind': spanKindName(span.kind),
        'service': span.resource.serviceName,
        'startTime': span.startTime,
        'durationMs': span.duration(),
        'status': spanStatusName(span.status.code),
        'statusMessage': span.status.message
      });
    }
    if (this._sink !== undefined) {
      this._sink(JSON.stringify(otlpSpan(span) as JsonValue));
    }
  }
}
