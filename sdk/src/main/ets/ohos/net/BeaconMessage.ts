import { Utf8 } from '../../core/encoding/Utf8';
import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { MAX_ENVELOPE_NAME_LENGTH } from '../../transport/EnvelopeCodec';

/** Version of the beacon datagram. */
export const BEACON_VERSION = 1;
/** Largest beacon datagram accepted, in bytes. */
export const MAX_BEACON_BYTES = 2048;

const isName = (v: JsonValue | undefined): boolean =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_ENVELOPE_NAME_LENGTH;

/**
 * A device announcing where its mesh node listens: `{"arkmesh":1,"id","dt","tp","nid"?,"r"?}` as
 * UTF-8 JSON in one datagram. `id` is the mesh device id, `dt` the device type, `tp` the TCP port,
 * `nid` the HarmonyOS network id (matched against the trusted-device list), `r` true when the
 * sender asks every receiver to answer with its own beacon at once (sent on start and when a
 * device comes online). The sender's IP address is the datagram's source address.
 */
export class BeaconMessage {
  readonly deviceId: string;
  readonly deviceType: string;
  readonly tcpPort: number;
  readonly networkId: string | undefined;
  readonly wantsReply: boolean;

  constructor(deviceId: string, deviceType: string, tcpPort: number, networkId: string | undefined, wantsReply: boolean) {
    this.deviceId = deviceId;
    this.deviceType = deviceType;
    this.tcpPort = tcpPort;
    this.networkId = networkId;
    this.wantsReply = wantsReply;
  }

  encode(): Uint8Array {
    const rec: Record<string, JsonValue> = { 'arkmesh': BEACON_VERSION, 'id': this.deviceId, 'dt': this.deviceType, 'tp': this.tcpPort };
    if (this.networkId !== undefined) {
      rec['nid'] = this.networkId;
    }
    if (this.wantsReply) {
      rec['r'] = true;
    }
    return Utf8.encode(JSON.stringify(rec));
  }

  /** This beacon with another `wantsReply`. */
  withReply(wantsReply: boolean): BeaconMessage {
    return new BeaconMessage(this.deviceId, this.deviceType, this.tcpPort, this.networkId, wantsReply);
  }

  /** Parses a datagram; undefined for anything that is not a valid beacon of this version. */
  static decode(bytes: Uint8Array): BeaconMessage | undefined {
    if (bytes.length === 0 || bytes.length > MAX_BEACON_BYTES) {
      return undefined;
    }
    const text = Utf8.tryDecode(bytes);
    if (text === undefined) {
      return undefined;
    }
    let value: JsonValue;
    try {
      value = JSON.parse(text) as JsonValue;
    } catch (e) {
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return undefined;
    }
    const o = value as JsonObject;
    const port = o['tp'];
    const nid = o['nid'];
    const reply = o['r'];
    if (o['arkmesh'] !== BEACON_VERSION || !isName(o['id']) || !isName(o['dt']) ||
      typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535 ||
      (nid !== undefined && !isName(nid)) || (reply !== undefined && typeof reply !== 'boolean')) {
      return undefined;
    }
    return new BeaconMessage(o['id'] as string, o['dt'] as string, port, nid === undefined ? undefined : nid as string,
      reply === true);
  }
}
