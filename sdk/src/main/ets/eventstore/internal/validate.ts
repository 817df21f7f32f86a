import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonValue } from '../../core/json/JsonValue';
import { EventMetadataInit } from '../EventMetadata';
import { isValidExpectedVersion } from '../ExpectedVersion';
import { MAX_EVENT_STORE_NAME_LENGTH } from '../EventStoreOptions';

/** Checks a stream id, event type, event id or subscription name. */
export const validateName = (value: string, field: string): void => {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidArgumentError(field, 'must be a non-empty string');
  }
  if (value.length > MAX_EVENT_STORE_NAME_LENGTH) {
    throw new InvalidArgumentError(field, `longer than ${MAX_EVENT_STORE_NAME_LENGTH} characters`);
  }
};

/** A JSON value as text; InvalidArgumentError when it is missing or cannot be serialised. */
export const jsonText = (value: JsonValue, field: string): string => {
  if (value === undefined) {
    throw new InvalidArgumentError(field, 'is required (use null for no data)');
  }
  let text: string | undefined = undefined;
  try {
    text = JSON.stringify(value) as string | undefined;
  } catch (e) {
    throw new InvalidArgumentError(field, `is not serialisable as JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof text !== 'string') {
    throw new InvalidArgumentError(field, 'is not a JSON value');
  }
  return text;
};

/** Checks an expected version: a version >= 0 or an ExpectedVersion value. */
export const validateExpectedVersion = (value: number, field: string): void => {
  if (typeof value !== 'number' || !isValidExpectedVersion(value)) {
    throw new InvalidArgumentError(field, 'must be a version >= 0 or an ExpectedVersion value');
  }
};

/** Checks a non-negative integer (a version or a position). */
export const validateIndex = (value: number, field: string, min: number): void => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(field, `must be an integer >= ${min}`);
  }
};

/** Checks optional metadata: string ids and trace fields, string headers. */
export const validateMetadata = (metadata: EventMetadataInit | undefined, field: string): void => {
  if (metadata === undefined) {
    return;
  }
  if (metadata === null || typeof metadata !== 'object') {
    throw new InvalidArgumentError(field, 'must be an object');
  }
  optionalString(metadata.correlationId, `${field}.correlationId`);
  optionalString(metadata.causationId, `${field}.causationId`);
  optionalString(metadata.traceparent, `${field}.traceparent`);
  optionalString(metadata.tracestate, `${field}.tracestate`);
  const headers = metadata.headers;
  if (headers !== undefined) {
    if (headers === null || typeof headers !== 'object') {
      throw new InvalidArgumentError(`${field}.headers`, 'must be an object of strings');
    }
    for (const k of Object.keys(headers)) {
      if (typeof headers[k] !== 'string') {
        throw new InvalidArgumentError(`${field}.headers.${k}`, 'must be a string');
      }
    }
  }
};

const optionalString = (value: string | undefined, field: string): void => {
  if (value !== undefined && typeof value !== 'string') {
    throw new InvalidArgumentError(field, 'must be a string');
  }
};
