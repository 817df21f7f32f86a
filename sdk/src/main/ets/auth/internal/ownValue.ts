import { JsonObject, JsonValue } from '../../core/json/JsonValue';

/**
 * The JSON member `name` of a parsed object, or undefined. Plain indexing would also find what
 * every object inherits (`toString`, `constructor`, `__proto__`), which a JSON document never
 * contains: a claim named `constructor` must not count as present because of it.
 */
export const ownValue = (obj: JsonObject, name: string): JsonValue | undefined => {
  const v = obj[name];
  if (v === undefined || typeof v === 'function') {
    return undefined;
  }
  if (name === '__proto__' && !Object.keys(obj).includes(name)) {
    return undefined;
  }
  return v;
};
