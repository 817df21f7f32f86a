import { MeshPlugin } from '../MeshPlugin';
import { MetricsPlugin } from './MetricsPlugin';
import { MetricsPluginOptions } from './MetricsPluginOptions';
import { ResiliencePlugin } from './ResiliencePlugin';
import { ResiliencePluginOptions } from './ResiliencePluginOptions';
import { TracingPlugin } from './TracingPlugin';
import { TracingPluginOptions } from './TracingPluginOptions';

/** Which standard plugins to build; each is left out when its options are. */
export interface StandardPluginsOptions {
  /** Spans for calls, handled calls and gateway requests. */
  tracing?: TracingPluginOptions;
  /** Timeouts, retries with budget, per-instance breakers, bulkheads (`{}` for the defaults). */
  resilience?: ResiliencePluginOptions;
  /** RED metrics for calls, routes, breakers, retries, membership and transport. */
  metrics?: MetricsPluginOptions;
}

/**
 * The standard plugins, in the order they must be installed: tracing first (its call interceptor
 * is outermost, so one client span covers every retry, and its attempt interceptor sees breaker
 * rejections), then resilience, then metrics (which finds the resilience plugin on the node and
 * records its breakers and retry budget). `MeshNode.create` installs these for its `tracing`,
 * `resilience` and `metrics` options; use this to install them yourself, e.g. in `options.plugins`.
 *
 * @throws InvalidArgumentError from a plugin's options (naming the field).
 * @example
 * const plugins = standardPlugins({ tracing: { tracer: provider }, resilience: {}, metrics: { meterProvider } });
 * MeshNode.create({ ..., plugins: plugins });
 */
export const standardPlugins = (options: StandardPluginsOptions): MeshPlugin[] => {
  const plugins: MeshPlugin[] = [];
  if (options.tracing !== undefined) {
    plugins.push(new TracingPlugin(options.tracing));
  }
  if (options.resilience !== undefined) {
    plugins.push(new ResiliencePlugin(options.resilience));
  }
  if (options.metrics !== undefined) {
    plugins.push(new MetricsPlugin(options.metrics));
  }
  return plugins;
};
