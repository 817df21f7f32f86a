import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  InMemorySpanExporter, RecordingSpan, Sampler, SimpleSpanProcessor, SpanLimitsOptions, TraceResource, TracerProvider,
} from '../../sdk/src/main/ets/tracing/index';

export interface TracingSetup {
  clock: VirtualClock;
  exporter: InMemorySpanExporter;
  provider: TracerProvider;
}

/** A provider on virtual time and seeded ids, exporting through a SimpleSpanProcessor to memory. */
export const setupTracing = (opts: { sampler?: Sampler; limits?: SpanLimitsOptions; seed?: string; service?: string; clock?: VirtualClock } = {}): TracingSetup => {
  const clock = opts.clock ?? new VirtualClock({ startTime: 1_700_000_000_000 });
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    random: new SeededRandom(opts.seed ?? 'tracing'),
    clock,
    sampler: opts.sampler,
    limits: opts.limits,
    resource: TraceResource.forService(opts.service ?? 'test.service', 'device-1'),
    processors: [new SimpleSpanProcessor(exporter)],
  });
  return { clock, exporter, provider };
};

export const finished = (exporter: InMemorySpanExporter): RecordingSpan[] => exporter.getFinishedSpans() as RecordingSpan[];
