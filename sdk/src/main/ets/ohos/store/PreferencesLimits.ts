import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { validateKey, validateValue } from '../../platform/store/validateKey';

/** Longest preferences key in UTF-8 bytes (`preferences.MAX_KEY_LENGTH` on API 12+). */
export const DEFAULT_PREFERENCES_MAX_KEY_BYTES = 1024;
/** Longest preferences string value in UTF-8 bytes (`preferences.MAX_VALUE_LENGTH`: 16 MB on API 12+). */
export const DEFAULT_PREFERENCES_MAX_VALUE_BYTES = 16 * 1024 * 1024;

/**
 * UTF-8 length of `text`, or -1 when it holds a lone surrogate (not encodable as UTF-8: the
 * preferences docs warn such strings corrupt the persisted file).
 */
export const utf8ByteLength = (text: string): number => {
  let bytes = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes += 1;
    } else if (c < 0x800) {
      bytes += 2;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) {
        return -1;
      }
      bytes += 4;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return -1;
    } else {
      bytes += 3;
    }
  }
  return bytes;
};

/**
 * What the HarmonyOS preferences file accepts, on top of the KeyValueStore rules: keys of at most
 * `maxKeyBytes` UTF-8 bytes and values of at most `maxValueBytes`, both well-formed UTF-16 (so they
 * encode to UTF-8). Violations throw InvalidArgumentError naming the field, before anything is written.
 */
export class PreferencesLimits {
  readonly maxKeyBytes: number;
  readonly maxValueBytes: number;

  constructor(maxKeyBytes: number, maxValueBytes: number) {
    if (!(maxKeyBytes >= 1) || !(maxValueBytes >= 0)) {
      throw new InvalidArgumentError('limits', 'key and value limits must be positive');
    }
    this.maxKeyBytes = maxKeyBytes;
    this.maxValueBytes = maxValueBytes;
  }

  checkKey(key: string, field: string): void {
    validateKey(key, field);
    const bytes = utf8ByteLength(key);
    if (bytes < 0) {
      throw new InvalidArgumentError(field, 'contains a lone surrogate (not valid UTF-8)');
    }
    if (bytes > this.maxKeyBytes) {
      throw new InvalidArgumentError(field, `is ${bytes} UTF-8 bytes, longer than the ${this.maxKeyBytes} preferences allow`);
    }
  }

  checkValue(value: string, field: string): void {
    validateValue(value, field);
    const bytes = utf8ByteLength(value);
    if (bytes < 0) {
      throw new InvalidArgumentError(field, 'contains a lone surrogate (not valid UTF-8)');
    }
    if (bytes > this.maxValueBytes) {
      throw new InvalidArgumentError(field, `is ${bytes} UTF-8 bytes, longer than the ${this.maxValueBytes} preferences allow`);
    }
  }
}
