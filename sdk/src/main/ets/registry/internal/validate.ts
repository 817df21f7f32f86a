import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';

/** Longest service name. */
export const MAX_SERVICE_NAME_LENGTH = 128;
const SERVICE_NAME = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*$/;
const ID = /^[A-Za-z0-9._:@/~-]+$/;

/** Service names: dot-separated words of letters, digits, `_` and `-`, each starting with a letter (`media.player`). */
export const checkServiceName = (name: string, field: string): string => {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_SERVICE_NAME_LENGTH || !SERVICE_NAME.test(name)) {
    throw new InvalidArgumentError(field,
      `must be 1..${MAX_SERVICE_NAME_LENGTH} characters of dot-separated words (letters, digits, _ and -, each starting with a letter)`);
  }
  return name;
};

/** Ids (instance ids, device ids): 1..128 of letters, digits and `. _ : @ / ~ -`. */
export const checkId = (id: string, field: string): string => {
  if (typeof id !== 'string' || id.length === 0 || id.length > 128 || !ID.test(id)) {
    throw new InvalidArgumentError(field, 'must be 1..128 characters of letters, digits and . _ : @ / ~ -');
  }
  return id;
};

/** A non-empty label of at most `max` characters without control characters. */
export const checkLabel = (text: string, field: string, max: number): string => {
  if (typeof text !== 'string' || text.length === 0 || text.length > max) {
    throw new InvalidArgumentError(field, `must be a string of 1..${max} characters`);
  }
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 32) {
      throw new InvalidArgumentError(field, 'must not contain control characters');
    }
  }
  return text;
};
