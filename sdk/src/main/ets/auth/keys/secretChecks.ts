import { Der, DerTag } from '../../platform/crypto/Der';

const TEXT_PREFIXES: string[] = ['-----BEGIN', 'ssh-', 'ecdsa-sha2-', 'sk-ssh-', 'sk-ecdsa-'];

const startsWithText = (bytes: Uint8Array, offset: number, text: string): boolean => {
  if (offset + text.length > bytes.length) {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) {
      return false;
    }
  }
  return true;
};

const containsText = (bytes: Uint8Array, text: string): boolean => {
  for (let i = 0; i + text.length <= bytes.length; i++) {
    if (startsWithText(bytes, i, text)) {
      return true;
    }
  }
  return false;
};

/**
 * True when `secret` looks like public-key material rather than an HMAC secret: PEM or OpenSSH
 * text, a JWK's JSON, or a DER structure (SPKI, PKCS#1, PKCS#8) spanning the whole buffer. Using a
 * public key as an HMAC secret is the classic algorithm-confusion attack (an attacker who knows
 * the public key can sign HS256 tokens with it), so such "secrets" are refused outright.
 */
export const looksLikeKeyMaterial = (secret: Uint8Array): boolean => {
  let start = 0;
  while (start < secret.length && (secret[start] === 32 || secret[start] === 9 || secret[start] === 10 || secret[start] === 13)) {
    start++;
  }
  for (const prefix of TEXT_PREFIXES) {
    if (startsWithText(secret, start, prefix)) {
      return true;
    }
  }
  if (secret[start] === 0x7b && containsText(secret, '"kty"')) {
    return true;
  }
  const seq = Der.readWhole(secret, DerTag.SEQUENCE);
  if (seq !== undefined) {
    const first = Der.read(seq.content, 0);
    if (first !== undefined && (first.tag === DerTag.SEQUENCE || first.tag === DerTag.INTEGER)) {
      return true;
    }
  }
  return false;
};
