import { SpanAttributes, SpanAttributeValue } from '../api/SpanAttributes';
import { AttributeRedactor } from '../sdk/AttributeRedactor';

const truncate = (text: string, maxLength: number): string =>
  text.length > maxLength ? text.substring(0, maxLength) : text;

/**
 * A homogeneous array of strings, numbers or booleans, strings truncated; undefined when the value
 * is not an attribute value at all (null, objects, mixed arrays from untyped callers).
 */
const sanitizeArray = (value: SpanAttributeValue, maxLength: number): SpanAttributeValue | undefined => {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const items = value as (string | number | boolean)[];
  if (items.length === 0) {
    return value;
  }
  const kind = typeof items[0];
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') {
    return undefined;
  }
  for (let i = 1; i < items.length; i++) {
    if (typeof items[i] !== kind) {
      return undefined;
    }
  }
  if (kind !== 'string') {
    return items.slice() as SpanAttributeValue;
  }
  const strings = value as string[];
  const out: string[] = [];
  for (let i = 0; i < strings.length; i++) {
    out.push(truncate(strings[i], maxLength));
  }
  return out;
};

/**
 * The value to store for an attribute after redaction and the length limit, or undefined when the
 * value must be dropped (not an attribute value).
 */
export const sanitizeAttribute = (key: string, value: SpanAttributeValue, redactor: AttributeRedactor,
  maxLength: number): SpanAttributeValue | undefined => {
  const v = redactor.redact(key, value);
  const t = typeof v;
  if (t === 'string') {
    const s = v as string;
    return s.length > maxLength ? s.substring(0, maxLength) : s;
  }
  if (t === 'number' || t === 'boolean') {
    return v;
  }
  return sanitizeArray(v, maxLength);
};

/** Attributes of an event or a link after sanitizing, and how many the count limit dropped. */
export class SanitizedAttributes {
  readonly attributes: SpanAttributes;
  readonly dropped: number;

  constructor(attributes: SpanAttributes, dropped: number) {
    this.attributes = attributes;
    this.dropped = dropped;
  }
}

/** Sanitizes a whole attribute record (events, links), keeping at most `countLimit` attributes. */
export const sanitizeAttributes = (attributes: SpanAttributes | undefined, redactor: AttributeRedactor,
  maxLength: number, countLimit: number): SanitizedAttributes => {
  const out: SpanAttributes = {};
  let count = 0;
  let dropped = 0;
  if (attributes !== undefined) {
    for (const key of Object.keys(attributes)) {
      const v = sanitizeAttribute(key, attributes[key], redactor, maxLength);
      if (v === undefined || key.length === 0) {
        continue;
      }
      if (count >= countLimit) {
        dropped++;
        continue;
      }
      out[key] = v;
      count++;
    }
  }
  return new SanitizedAttributes(out, dropped);
};
