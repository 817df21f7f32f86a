import { canonicalLabelKey } from '../internal/SeriesTable';
import { AggregationTemporality } from '../InstrumentKind';
import { MetricLabels } from '../MetricLabels';
import { MetricData, MetricPoint, ScopeMetrics } from './MetricData';

/**
 * Everything a MeterProvider held at one collection: per Meter (scope), per instrument, per series.
 * The pull API of the simulator and the input of the Prometheus and OTLP encoders.
 */
export class MetricsSnapshot {
  /** Collection time (clock ms). */
  readonly time: number;
  /** Resource labels of the provider (e.g. service.name, device id). */
  readonly resource: MetricLabels;
  readonly temporality: AggregationTemporality;
  readonly scopes: ScopeMetrics[];

  constructor(time: number, resource: MetricLabels, temporality: AggregationTemporality, scopes: ScopeMetrics[]) {
    this.time = time;
    this.resource = resource;
    this.temporality = temporality;
    this.scopes = scopes;
  }

  /** Every metric of every scope. */
  metrics(): MetricData[] {
    const out: MetricData[] = [];
    for (let i = 0; i < this.scopes.length; i++) {
      const m = this.scopes[i].metrics;
      for (let j = 0; j < m.length; j++) {
        out.push(m[j]);
      }
    }
    return out;
  }

  /** The metric named `name` (in scope `scope` when given); undefined when absent. */
  find(name: string, scope?: string): MetricData | undefined {
    for (let i = 0; i < this.scopes.length; i++) {
      const s = this.scopes[i];
      if (scope !== undefined && s.name !== scope) {
        continue;
      }
      for (let j = 0; j < s.metrics.length; j++) {
        if (s.metrics[j].name === name) {
          return s.metrics[j];
        }
      }
    }
    return undefined;
  }

  /** The point of metric `name` (in scope `scope` when given) whose label set is exactly `labels`; undefined when absent. */
  point(name: string, labels?: MetricLabels, scope?: string): MetricPoint | undefined {
    const metric = this.find(name, scope);
    if (metric === undefined) {
      return undefined;
    }
    const key = canonicalLabelKey(labels ?? {});
    for (let i = 0; i < metric.points.length; i++) {
      if (metric.points[i].key === key) {
        return metric.points[i];
      }
    }
    return undefined;
  }
}
