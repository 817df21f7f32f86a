import { Hex } from '../../core/encoding/Hex';
import { Utf8 } from '../../core/encoding/Utf8';
import { HeaderCarrier, Headers } from '../../core/headers/Headers';
import { Baggage, BaggageEntry } from './Baggage';

/** The `baggage` header name. */
export const BAGGAGE_HEADER = 'baggage';
/** Most list members read or written (W3C Baggage's original limit). */
export const MAX_BAGGAGE_MEMBERS = 180;
/** Longest list member written, in characters. */
export const MAX_BAGGAGE_MEMBER_LENGTH = 4096;
/** Longest `baggage` header written, in characters. */
export const MAX_BAGGAGE_LENGTH = 8192;

const isOws = (c: number): boolean => c === 32 || c === 9;

// baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E (no space, '"', ',', ';', '\').
const isBaggageOctet = (c: number): boolean =>
  c === 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) || (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);

const trim = (text: string): string => {
  let a = 0;
  let b = text.length;
  while (a < b && isOws(text.charCodeAt(a))) {
    a++;
  }
  while (b > a && isOws(text.charCodeAt(b - 1))) {
    b--;
  }
  return a === 0 && b === text.length ? text : text.substring(a, b);
};

const nibble = (c: number): number => {
  if (c >= 48 && c <= 57) {
    return c - 48;
  }
  if (c >= 97 && c <= 102) {
    return c - 87;
  }
  if (c >= 65 && c <= 70) {
    return c - 55;
  }
  return -1;
};

/** Percent-encodes a value: baggage octets stay, everything else (and `%`) becomes UTF-8 `%XX`. */
export const encodeBaggageValue = (value: string): string => {
  let plain = true;
  for (let i = 0; i < value.length && plain; i++) {
    const c = value.charCodeAt(i);
    plain = isBaggageOctet(c) && c !== 0x25;
  }
  if (plain) {
    return value;
  }
  const bytes = Utf8.encode(value);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    out += isBaggageOctet(c) && c !== 0x25 ? String.fromCharCode(c) : `%${Hex.byte(c).toUpperCase()}`;
  }
  return out;
};

/** Decodes `%XX` escapes as UTF-8; a `%` not followed by two hex digits stays as it is. */
export const decodeBaggageValue = (value: string): string => {
  if (value.indexOf('%') < 0) {
    return value;
  }
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x25 && i + 2 < value.length && nibble(value.charCodeAt(i + 1)) >= 0 && nibble(value.charCodeAt(i + 2)) >= 0) {
      bytes.push(nibble(value.charCodeAt(i + 1)) * 16 + nibble(value.charCodeAt(i + 2)));
      i += 2;
    } else {
      bytes.push(c & 0xff);
    }
  }
  return Utf8.decodeLenient(new Uint8Array(bytes));
};

/**
 * W3C Baggage over a HeaderCarrier. `extract` keeps every valid list member (up to 180) and
 * skips invalid ones; `inject` writes members in order while they fit the limits (4096
 * characters per member, 8192 per header), skipping those that do not.
 */
export class BaggagePropagator {
  fields(): string[] {
    return [BAGGAGE_HEADER];
  }

  /** Writes `baggage` (nothing for empty baggage). Never throws. */
  inject(baggage: Baggage | undefined, carrier: HeaderCarrier): void {
    if (baggage === undefined || baggage.size === 0) {
      return;
    }
    const members: string[] = [];
    let length = 0;
    for (const key of baggage.keys()) {
      const entry = baggage.getEntry(key);
      if (entry === undefined) {
        continue;
      }
      let member = `${key}=${encodeBaggageValue(entry.value)}`;
      if (entry.metadata !== undefined) {
        member += `;${entry.metadata}`;
      }
      if (member.length > MAX_BAGGAGE_MEMBER_LENGTH || length + member.length + (members.length > 0 ? 1 : 0) > MAX_BAGGAGE_LENGTH) {
        continue;
      }
      length += member.length + (members.length > 0 ? 1 : 0);
      members.push(member);
      if (members.length === MAX_BAGGAGE_MEMBERS) {
        break;
      }
    }
    if (members.length > 0) {
      try {
        carrier.set(BAGGAGE_HEADER, members.join(','));
      } catch (e) {
        // A carrier that refuses the header leaves the message without baggage.
      }
    }
  }

  /** Reads `baggage`; Baggage.EMPTY when absent. Invalid members are skipped, valid ones kept. */
  extract(carrier: HeaderCarrier): Baggage {
    const header = carrier.get(BAGGAGE_HEADER);
    if (header === undefined || header.length === 0) {
      return Baggage.EMPTY;
    }
    const entries = new Map<string, BaggageEntry>();
    let count = 0;
    for (const raw of header.split(',')) {
      if (count === MAX_BAGGAGE_MEMBERS) {
        break;
      }
      const member = trim(raw);
      if (member.length === 0) {
        continue;
      }
      const semi = member.indexOf(';');
      const pair = semi < 0 ? member : member.substring(0, semi);
      const eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      const key = trim(pair.substring(0, eq));
      const value = trim(pair.substring(eq + 1));
      if (!Headers.isValidName(key) || !BaggagePropagator.isValidValue(value)) {
        continue;
      }
      const metadata = semi < 0 ? undefined : trim(member.substring(semi + 1));
      entries.set(key, new BaggageEntry(decodeBaggageValue(value), metadata));
      count++;
    }
    return Baggage.fromValidEntries(entries);
  }

  private static isValidValue(value: string): boolean {
    for (let i = 0; i < value.length; i++) {
      if (!isBaggageOctet(value.charCodeAt(i))) {
        return false;
      }
    }
    return true;
  }
}
