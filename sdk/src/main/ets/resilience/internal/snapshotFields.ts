import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';

// Validators for snapshots restored from storage: untrusted JSON, so every field is checked and a
// bad one is reported as an InvalidArgumentError naming it (`<prefix>.<field>`).

/** A non-negative integer field no larger than `max`. */
export const readInt = (snapshot: JsonObject, prefix: string, field: string, max: number): number => {
  const value = snapshot[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidArgumentError(`${prefix}.${field}`, `must be an integer in [0, ${max}]`);
  }
  return value;
};

/** A number field (finite, or `null` standing for `Infinity`, as JSON cannot hold it). */
export const readTime = (snapshot: JsonObject, prefix: string, field: string): number => {
  const value = snapshot[field];
  if (value === null) {
    return Number.POSITIVE_INFINITY;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`${prefix}.${field}`, 'must be a finite number or null');
  }
  return value;
};

/** A string field. */
export const readString = (snapshot: JsonObject, prefix: string, field: string): string => {
  const value = snapshot[field];
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`${prefix}.${field}`, 'must be a string');
  }
  return value;
};

/** An array field. */
export const readArray = (snapshot: JsonObject, prefix: string, field: string): JsonArray => {
  const value = snapshot[field];
  if (!Array.isArray(value)) {
    throw new InvalidArgumentError(`${prefix}.${field}`, 'must be an array');
  }
  return value as JsonArray;
};

/** An object field. */
export const readObject = (snapshot: JsonObject, prefix: string, field: string): JsonObject => {
  const value = snapshot[field];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError(`${prefix}.${field}`, 'must be an object');
  }
  return value as JsonObject;
};

/** Checks the `type` tag of a strategy snapshot. */
export const expectType = (snapshot: JsonObject, prefix: string, expected: string): void => {
  if (snapshot['type'] !== expected) {
    throw new InvalidArgumentError(`${prefix}.type`, `must be '${expected}'`);
  }
};

/** A JSON number for a time that may be infinite (`Infinity` becomes `null`). */
export const writeTime = (time: number): JsonValue => {
  return Number.isFinite(time) ? time : null;
};
