// A tiny structural schema checker for the golden-file tests: field names and JSON types of the
// published payload schemas, typed in from their sources:
//  - OTLP: opentelemetry-proto trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto,
//    with the protobuf JSON mapping (lowerCamelCase names, (u)int64/fixed64 as decimal strings, enums as ints,
//    trace/span ids as hex per the OTLP/JSON spec);
//  - Jaeger: jaeger model/json/model.go (the query API / UI upload format);
//  - Zipkin: zipkin-api zipkin2-api.yaml (ListOfSpans).
export type FieldType =
  | 'string' | 'number' | 'integer' | 'boolean' | 'any'
  | { hex: number } | { decimalString: true } | { enum: (string | number)[] }
  | { array: FieldType } | { object: ObjectSchema } | { map: FieldType };

export interface ObjectSchema {
  name: string;
  required: string[];
  fields: Record<string, FieldType>;
  /** For protobuf oneofs: exactly one of these fields must be present. */
  oneOf?: string[];
}

export const check = (value: unknown, type: FieldType, path: string, errors: string[]): void => {
  const fail = (why: string) => errors.push(`${path}: ${why} (got ${JSON.stringify(value)?.slice(0, 60)})`);
  if (type === 'any') return;
  if (type === 'string') { if (typeof value !== 'string') fail('expected string'); return; }
  if (type === 'number') { if (typeof value !== 'number') fail('expected number'); return; }
  if (type === 'integer') { if (!Number.isInteger(value)) fail('expected integer'); return; }
  if (type === 'boolean') { if (typeof value !== 'boolean') fail('expected boolean'); return; }
  if ('hex' in type) { if (typeof value !== 'string' || !new RegExp(`^[0-9a-f]{${type.hex}}$`).test(value)) fail(`expected ${type.hex} lower-case hex digits`); return; }
  if ('decimalString' in type) { if (typeof value !== 'string' || !/^(0|[1-9][0-9]*)$/.test(value)) fail('expected a decimal string'); return; }
  if ('enum' in type) { if (!type.enum.includes(value as string | number)) fail(`expected one of ${type.enum.join(', ')}`); return; }
  if ('array' in type) {
    if (!Array.isArray(value)) { fail('expected array'); return; }
    value.forEach((v, i) => check(v, type.array, `${path}[${i}]`, errors));
    return;
  }
  if ('map' in type) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) { fail('expected object'); return; }
    for (const [k, v] of Object.entries(value)) check(v, type.map, `${path}.${k}`, errors);
    return;
  }
  const schema = type.object;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) { fail(`expected ${schema.name} object`); return; }
  const obj = value as Record<string, unknown>;
  for (const r of schema.required) if (!(r in obj)) errors.push(`${path}: ${schema.name} misses required field '${r}'`);
  for (const [k, v] of Object.entries(obj)) {
    const ft = schema.fields[k];
    if (ft === undefined) { errors.push(`${path}: '${k}' is not a field of ${schema.name}`); continue; }
    check(v, ft, `${path}.${k}`, errors);
  }
  if (schema.oneOf) {
    const present = schema.oneOf.filter((k) => k in obj);
    if (present.length !== 1) errors.push(`${path}: ${schema.name} needs exactly one of ${schema.oneOf.join('|')}, has ${present.join(',') || 'none'}`);
  }
};

export const validate = (value: unknown, type: FieldType): string[] => {
  const errors: string[] = [];
  check(value, type, '$', errors);
  return errors;
};

// ---- OTLP (opentelemetry-proto v1, JSON mapping) ----
const anyValue: ObjectSchema = { name: 'AnyValue', required: [], fields: {}, oneOf: ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] };
const keyValue: ObjectSchema = { name: 'KeyValue', required: ['key', 'value'], fields: { key: 'string', value: { object: anyValue } } };
anyValue.fields = {
  stringValue: 'string', boolValue: 'boolean', intValue: { decimalString: true }, doubleValue: 'number',
  arrayValue: { object: { name: 'ArrayValue', required: [], fields: { values: { array: { object: anyValue } } } } },
  kvlistValue: { object: { name: 'KeyValueList', required: [], fields: { values: { array: { object: keyValue } } } } },
  bytesValue: 'string',
};
const attributes: FieldType = { array: { object: keyValue } };
const otlpEvent: ObjectSchema = { name: 'Span.Event', required: ['timeUnixNano', 'name'], fields: { timeUnixNano: { decimalString: true }, name: 'string', attributes, droppedAttributesCount: 'integer' } };
const otlpLink: ObjectSchema = { name: 'Span.Link', required: ['traceId', 'spanId'], fields: { traceId: { hex: 32 }, spanId: { hex: 16 }, traceState: 'string', attributes, droppedAttributesCount: 'integer', flags: 'integer' } };
const otlpSpan: ObjectSchema = {
  name: 'Span', required: ['traceId', 'spanId', 'name', 'kind', 'startTimeUnixNano', 'endTimeUnixNano'],
  fields: {
    traceId: { hex: 32 }, spanId: { hex: 16 }, traceState: 'string', parentSpanId: { hex: 16 }, flags: 'integer', name: 'string',
    kind: { enum: [0, 1, 2, 3, 4, 5] }, startTimeUnixNano: { decimalString: true }, endTimeUnixNano: { decimalString: true },
    attributes, droppedAttributesCount: 'integer', events: { array: { object: otlpEvent } }, droppedEventsCount: 'integer',
    links: { array: { object: otlpLink } }, droppedLinksCount: 'integer',
    status: { object: { name: 'Status', required: [], fields: { message: 'string', code: { enum: [0, 1, 2] } } } },
  },
};
const scope: ObjectSchema = { name: 'InstrumentationScope', required: ['name'], fields: { name: 'string', version: 'string', attributes, droppedAttributesCount: 'integer' } };
export const OTLP_TRACES_REQUEST: FieldType = {
  object: {
    name: 'ExportTraceServiceRequest', required: ['resourceSpans'], fields: {
      resourceSpans: {
        array: {
          object: {
            name: 'ResourceSpans', required: ['resource', 'scopeSpans'], fields: {
              resource: { object: { name: 'Resource', required: ['attributes'], fields: { attributes, droppedAttributesCount: 'integer' } } },
              scopeSpans: { array: { object: { name: 'ScopeSpans', required: ['scope', 'spans'], fields: { scope: { object: scope }, spans: { array: { object: otlpSpan } }, schemaUrl: 'string' } } } },
              schemaUrl: 'string',
            },
          },
        },
      },
    },
  },
};

// ---- Jaeger (model/json/model.go) ----
const jaegerKv: ObjectSchema = { name: 'KeyValue', required: ['key', 'type', 'value'], fields: { key: 'string', type: { enum: ['string', 'bool', 'int64', 'float64', 'binary'] }, value: 'any' } };
const jaegerSpan: ObjectSchema = {
  name: 'Span', required: ['traceID', 'spanID', 'operationName', 'startTime', 'duration', 'processID'],
  fields: {
    traceID: { hex: 32 }, spanID: { hex: 16 }, flags: 'integer', operationName: 'string',
    references: { array: { object: { name: 'Reference', required: ['refType', 'traceID', 'spanID'], fields: { refType: { enum: ['CHILD_OF', 'FOLLOWS_FROM'] }, traceID: { hex: 32 }, spanID: { hex: 16 } } } } },
    startTime: 'integer', duration: 'integer', tags: { array: { object: jaegerKv } },
    logs: { array: { object: { name: 'Log', required: ['timestamp'], fields: { timestamp: 'integer', fields: { array: { object: jaegerKv } } } } } },
    processID: 'string', warnings: { array: 'string' },
  },
};
export const JAEGER_UPLOAD: FieldType = {
  object: {
    name: 'TracesResponse', required: ['data'], fields: {
      data: {
        array: {
          object: {
            name: 'Trace', required: ['traceID', 'spans', 'processes'], fields: {
              traceID: { hex: 32 }, spans: { array: { object: jaegerSpan } },
              processes: { map: { object: { name: 'Process', required: ['serviceName'], fields: { serviceName: 'string', tags: { array: { object: jaegerKv } } } } } },
              warnings: { array: 'string' },
            },
          },
        },
      },
    },
  },
};

// ---- Zipkin v2 (zipkin2-api.yaml) ----
const endpoint: ObjectSchema = { name: 'Endpoint', required: [], fields: { serviceName: 'string', ipv4: 'string', ipv6: 'string', port: 'integer' } };
export const ZIPKIN_LIST_OF_SPANS: FieldType = {
  array: {
    object: {
      name: 'Span', required: ['traceId', 'id'], fields: {
        traceId: { hex: 32 }, name: 'string', parentId: { hex: 16 }, id: { hex: 16 }, kind: { enum: ['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'] },
        timestamp: 'integer', duration: 'integer', debug: 'boolean', shared: 'boolean', localEndpoint: { object: endpoint }, remoteEndpoint: { object: endpoint },
        annotations: { array: { object: { name: 'Annotation', required: ['timestamp', 'value'], fields: { timestamp: 'integer', value: 'string' } } } },
        tags: { map: 'string' },
      },
    },
  },
};
