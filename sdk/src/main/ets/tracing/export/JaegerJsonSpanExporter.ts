import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { MeshError } from '../../core/errors/MeshError';
import { ReadableSpan } from '../api/ReadableSpan';
import { encodeJaegerJson } from './encodeJaegerJson';
import { SpanExporter, SpanExportResult } from './SpanExporter';

/** Receives one Jaeger JSON document (text) per export, e.g. to write it to a file. */
export type JaegerDocumentSink = (document: string) => Promise<void> | void;

/**
 * Writes each exported batch as a Jaeger trace document (the Jaeger UI's "Upload JSON" format)
 * to a sink. For one file with every trace, collect spans with an InMemorySpanExporter and call
 * `encodeJaegerJson(exporter.getFinishedSpans())` instead.
 */
export class JaegerJsonSpanExporter implements SpanExporter {
  private readonly _sink: JaegerDocumentSink;
  private _stopped: boolean = false;

  constructor(sink: JaegerDocumentSink) {
    this._sink = sink;
  }

  async export(spans: ReadableSpan[]): Promise<SpanExportResult> {
    if (this._stopped) {
      return SpanExportResult.failed(new InvalidStateError('JaegerJsonSpanExporter is shut down'));
    }
    try {
      await this._sink(JSON.stringify(encodeJaegerJson(spans)));
      return SpanExportResult.SUCCESS;
    } catch (e) {
      return SpanExportResult.failed(MeshError.from(e as Error));
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this._stopped = true;
    return Promise.resolve();
  }
}
