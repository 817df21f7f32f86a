import { MeshBody } from '../../transport/MeshBody';

/** UTF-8 byte length of a string without encoding it (lone surrogates count as U+FFFD, 3 bytes). */
export const utf8Length = (text: string): number => {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      n += 1;
    } else if (c < 0x800) {
      n += 2;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    } else {
      n += 3;
    }
  }
  return n;
};

/**
 * Size of a body in bytes as it would travel: bytes as they are, text as UTF-8, other JSON values
 * as their UTF-8 JSON text. -1 when a JSON value cannot be serialised.
 */
export const bodySize = (body: MeshBody): number => {
  if (body === undefined || body === null) {
    return 0;
  }
  if (body instanceof Uint8Array) {
    return body.length;
  }
  if (typeof body === 'string') {
    return utf8Length(body);
  }
  try {
    return utf8Length(JSON.stringify(body));
  } catch (e) {
    return -1;
  }
};
