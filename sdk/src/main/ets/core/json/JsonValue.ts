/**
 * JSON values as ArkTS can type them: a recursive alias through two interfaces (a `Record` cannot
 * reference its own alias). Write object literals as `{ 'key': value } as Record<string, JsonValue>`.
 */
export type JsonValue = string | number | boolean | null | JsonArray | JsonObject;

/** A JSON object. */
export interface JsonObject extends Record<string, JsonValue> {}

/** A JSON array. */
export interface JsonArray extends Array<JsonValue> {}
