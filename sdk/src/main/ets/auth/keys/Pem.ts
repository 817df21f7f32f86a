import { Base64 } from '../../core/encoding/Base64Url';
import { JwkInvalidError } from '../errors/JoseErrors';

/** PEM armour (RFC 7468) around the DER keys `JoseKey.fromSpki`/`fromPkcs8` read. */
export class Pem {
  /** The DER inside the first `-----BEGIN <label>-----` block. Throws JwkInvalidError. */
  static decode(pem: string, label: string): Uint8Array {
    const begin = `-----BEGIN ${label}-----`;
    const end = `-----END ${label}-----`;
    const a = typeof pem === 'string' ? pem.indexOf(begin) : -1;
    const b = a < 0 ? -1 : pem.indexOf(end, a);
    if (a < 0 || b < 0) {
      throw new JwkInvalidError(`expected a PEM "${label}" block`);
    }
    let body = '';
    for (let i = a + begin.length; i < b; i++) {
      const c = pem.charCodeAt(i);
      if (c !== 10 && c !== 13 && c !== 32 && c !== 9) {
        body += pem.charAt(i);
      }
    }
    const der = Base64.tryDecode(body);
    if (der === undefined || der.length === 0) {
      throw new JwkInvalidError(`the PEM "${label}" block is not valid base64`);
    }
    return der;
  }

  /** DER wrapped as a PEM block, 64 characters a line. */
  static encode(der: Uint8Array, label: string): string {
    const b64 = Base64.encode(der);
    let out = `-----BEGIN ${label}-----\n`;
    for (let i = 0; i < b64.length; i += 64) {
      out += `${b64.substring(i, i + 64)}\n`;
    }
    return `${out}-----END ${label}-----\n`;
  }
}
