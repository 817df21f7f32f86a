import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { MAX_KEY_LENGTH } from './KeyValueStore';

/** Throws InvalidArgumentError naming `field` unless `key` is a usable store key. */
export const validateKey = (key: string, field: string): void => {
  if (typeof key !== 'string' || key.length === 0) {
    throw new InvalidArgumentError(field, 'must be a non-empty string');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new InvalidArgumentError(field, `longer than ${MAX_KEY_LENGTH} characters`);
  }
};

/** Throws InvalidArgumentError naming `field` unless `value` is a string. */
export const validateValue = (value: string, field: string): void => {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(field, 'must be a string');
  }
};
