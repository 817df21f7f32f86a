import { JwsHeader } from '../jws/JwsHeader';
import { JoseKey } from './JoseKey';

/**
 * Where verification gets its keys: a single {@link JoseKey}, a local or remote JSON Web Key Set,
 * or an application's own resolver (implement this interface with a class). Given a token's
 * protected header, it returns the candidate keys, best first; verification tries them in order.
 *
 * Return the array synchronously whenever the keys are at hand (the hot path then needs no extra
 * promise hop) and a promise only when they must be fetched. Reject with a `JoseError` (usually
 * `JwksNoMatchingKeyError`) when no key applies; never return an empty array.
 */
export interface KeySource {
  resolveKeys(header: JwsHeader): JoseKey[] | Promise<JoseKey[]>;
}
