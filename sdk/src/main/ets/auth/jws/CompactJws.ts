import { JwsInvalidError } from '../errors/JoseErrors';

/** Longest compact JWS accepted by default, in characters (a JWT with a certificate chain fits). */
export const DEFAULT_MAX_TOKEN_LENGTH = 16384;

/**
 * A compact JWS split into its three parts, by position: no part is copied until asked for.
 * Splitting checks the size limit and that there are exactly two dots; the parts' encodings are
 * checked where they are decoded.
 */
export class CompactJws {
  readonly token: string;
  /** Index of the first '.', the end of the header part. */
  readonly headerEnd: number;
  /** Index of the second '.', the end of the payload part (and of the signing input). */
  readonly payloadEnd: number;

  private constructor(token: string, headerEnd: number, payloadEnd: number) {
    this.token = token;
    this.headerEnd = headerEnd;
    this.payloadEnd = payloadEnd;
  }

  /** Splits `token`; throws JwsInvalidError for a non-string, an oversized token or a wrong part count. */
  static split(token: string, maxLength: number): CompactJws {
    if (typeof token !== 'string') {
      throw new JwsInvalidError('a compact JWS must be a string');
    }
    if (token.length > maxLength) {
      throw new JwsInvalidError(`the token is longer than ${maxLength} characters`);
    }
    const d1 = token.indexOf('.');
    const d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
    if (d2 < 0 || token.indexOf('.', d2 + 1) >= 0) {
      throw new JwsInvalidError('a compact JWS has exactly three parts');
    }
    if (d1 === 0) {
      throw new JwsInvalidError('the JWS protected header is empty');
    }
    return new CompactJws(token, d1, d2);
  }

  get encodedHeader(): string {
    return this.token.substring(0, this.headerEnd);
  }

  get encodedPayload(): string {
    return this.token.substring(this.headerEnd + 1, this.payloadEnd);
  }

  get encodedSignature(): string {
    return this.token.substring(this.payloadEnd + 1);
  }
}

/**
 * The bytes of `text[0, end)`, one per character. Only for text already known to be ASCII (the
 * base64url header and payload of a compact JWS): cheaper than a general UTF-8 encoder.
 */
export const asciiBytes = (text: string, end: number): Uint8Array => {
  const out = new Uint8Array(end);
  for (let i = 0; i < end; i++) {
    out[i] = text.charCodeAt(i);
  }
  return out;
};

/** True when every character of `text` is ASCII (< 128). */
export const isAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      return false;
    }
  }
  return true;
};
