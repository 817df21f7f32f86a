import { InvalidArgumentError } from '../errors/InvalidArgumentError';

/** Something headers can be read from and written to: propagators (trace context, tokens) use it. */
export interface HeaderCarrier {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

// RFC 9110 token characters for header names.
const isTokenChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
  c === 33 || (c >= 35 && c <= 39) || c === 42 || c === 43 || c === 45 || c === 46 ||
  c === 94 || c === 95 || c === 96 || c === 124 || c === 126;

/**
 * Case-insensitive string headers, as carried by MeshRequest/MeshResponse, transport envelopes and
 * queue messages (names are stored lower-cased). Trace context and tokens travel here.
 */
export class Headers implements HeaderCarrier {
  private readonly _map: Map<string, string> = new Map<string, string>();

  /** Builds headers from a plain record, validating names and values. */
  static from(record: Record<string, string> | undefined): Headers {
    const h = new Headers();
    if (record !== undefined) {
      for (const k of Object.keys(record)) {
        h.set(k, record[k]);
      }
    }
    return h;
  }

  /** True when `name` is a valid header name (an RFC 9110 token). */
  static isValidName(name: string): boolean {
    if (name.length === 0 || name.length > 256) {
      return false;
    }
    for (let i = 0; i < name.length; i++) {
      if (!isTokenChar(name.charCodeAt(i))) {
        return false;
      }
    }
    return true;
  }

  get size(): number {
    return this._map.size;
  }

  get(name: string): string | undefined {
    return this._map.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this._map.has(name.toLowerCase());
  }

  /** Sets a header; throws InvalidArgumentError for a bad name or a value with CR, LF or NUL. */
  set(name: string, value: string): void {
    if (!Headers.isValidName(name)) {
      throw new InvalidArgumentError(`headers.${name}`, 'not a valid header name');
    }
    if (typeof value !== 'string' || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\u0000') >= 0) {
      throw new InvalidArgumentError(`headers.${name}`, 'value must be a string without CR, LF or NUL');
    }
    this._map.set(name.toLowerCase(), value);
  }

  delete(name: string): boolean {
    return this._map.delete(name.toLowerCase());
  }

  names(): string[] {
    return Array.from(this._map.keys());
  }

  /** A plain record copy (lower-case names), e.g. for serialization. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    this._map.forEach((v: string, k: string): void => {
      out[k] = v;
    });
    return out;
  }

  clone(): Headers {
    const h = new Headers();
    this._map.forEach((v: string, k: string): void => {
      h._map.set(k, v);
    });
    return h;
  }
}
