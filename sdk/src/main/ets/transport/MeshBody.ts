import { JsonValue } from '../core/json/JsonValue';

/** A request or response body: a JSON value (a string is text), raw bytes, or nothing. */
export type MeshBody = JsonValue | Uint8Array | undefined;
