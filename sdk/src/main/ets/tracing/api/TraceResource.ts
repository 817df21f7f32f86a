import { SpanAttributes } from './SpanAttributes';

/** The `service.name` used when a resource names none (OpenTelemetry's convention). */
export const DEFAULT_SERVICE_NAME = 'unknown_service';

/**
 * Who produced the spans: OpenTelemetry's resource (`service.name`, `service.version`,
 * `device.id`, ...). Every span of a TracerProvider shares it; exporters write it once per batch.
 */
export class TraceResource {
  readonly attributes: SpanAttributes;

  constructor(attributes?: SpanAttributes) {
    const copy: SpanAttributes = {};
    if (attributes !== undefined) {
      for (const k of Object.keys(attributes)) {
        copy[k] = attributes[k];
      }
    }
    if (copy['service.name'] === undefined) {
      copy['service.name'] = DEFAULT_SERVICE_NAME;
    }
    if (copy['telemetry.sdk.name'] === undefined) {
      copy['telemetry.sdk.name'] = 'arkmesh';
    }
    this.attributes = copy;
  }

  /** A resource for one service on one device. */
  static forService(serviceName: string, deviceId?: string, serviceVersion?: string): TraceResource {
    const attributes: SpanAttributes = { 'service.name': serviceName };
    if (deviceId !== undefined) {
      attributes['device.id'] = deviceId;
    }
    if (serviceVersion !== undefined) {
      attributes['service.version'] = serviceVersion;
    }
    return new TraceResource(attributes);
  }

  /** The `service.name` attribute. */
  get serviceName(): string {
    const name = this.attributes['service.name'];
    return typeof name === 'string' ? name : DEFAULT_SERVICE_NAME;
  }
}

