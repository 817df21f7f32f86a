import { JsonArray, JsonObject, JsonValue } from '../../core/json/JsonValue';
import { HealthStatus, parseHealthStatus } from '../HealthStatus';
import { ServiceInstance, ServiceInstanceInit } from '../ServiceInstance';

/** Instances decoded from a member's metadata; `invalid` counts records that failed validation. */
export class DecodedInstances {
  readonly instances: ServiceInstance[] = [];
  invalid: number = 0;
}

const str = (o: JsonObject, k: string): string | undefined => {
  const v = o[k];
  return typeof v === 'string' ? v : undefined;
};

/**
 * The wire form of a device's instances inside its membership metadata:
 * `{ "s": [ { "id", "n" (service), "v" (version), "w", "h", "e"?, "z"?, "g"? (tags), "m"? } ] }`.
 * Device id and type are not repeated: they are the member's own. Decoding validates every record
 * as `ServiceInstance.create` does; an invalid record is skipped and counted, never thrown.
 */
export class InstanceCodec {
  /** Metadata key holding the instance list. */
  static readonly KEY: string = 's';

  static encode(instances: ServiceInstance[]): JsonObject {
    const list: JsonArray = [];
    for (const i of instances) {
      const o: Record<string, JsonValue> = { 'id': i.id, 'n': i.serviceName, 'v': i.version, 'w': i.weight, 'h': i.health };
      if (i.endpoint !== undefined) {
        o['e'] = i.endpoint;
      }
      if (i.zone !== undefined) {
        o['z'] = i.zone;
      }
      if (i.tags.length > 0) {
        const tags: JsonArray = [];
        for (const t of i.tags) {
          tags.push(t);
        }
        o['g'] = tags;
      }
      const keys = Object.keys(i.metadata);
      if (keys.length > 0) {
        const md: Record<string, JsonValue> = {};
        for (const k of keys) {
          md[k] = i.metadata[k];
        }
        o['m'] = md;
      }
      list.push(o);
    }
    const meta: Record<string, JsonValue> = {};
    meta[InstanceCodec.KEY] = list;
    return meta;
  }

  static decode(meta: JsonObject | undefined, deviceId: string, deviceType: string): DecodedInstances {
    const out = new DecodedInstances();
    if (meta === undefined) {
      return out;
    }
    const list = meta[InstanceCodec.KEY];
    if (list === undefined) {
      return out;
    }
    if (!Array.isArray(list)) {
      out.invalid++;
      return out;
    }
    const arr = list as JsonArray;
    for (let k = 0; k < arr.length; k++) {
      const v = arr[k];
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        out.invalid++;
        continue;
      }
      const o = v as JsonObject;
      const weight = o['w'];
      const init: ServiceInstanceInit = {
        id: str(o, 'id') ?? '', serviceName: str(o, 'n') ?? '', version: str(o, 'v') ?? '', deviceId: deviceId,
        deviceType: deviceType, weight: typeof weight === 'number' ? weight : undefined,
        health: parseHealthStatus(str(o, 'h') ?? '') ?? HealthStatus.PASSING, endpoint: str(o, 'e'), zone: str(o, 'z')
      };
      const g = o['g'];
      if (Array.isArray(g)) {
        const tags: string[] = [];
        for (const t of g as JsonArray) {
          tags.push(typeof t === 'string' ? t : '');
        }
        init.tags = tags;
      }
      const m = o['m'];
      if (typeof m === 'object' && m !== null && !Array.isArray(m)) {
        const md: Record<string, string> = {};
        const mo = m as JsonObject;
        for (const key of Object.keys(mo)) {
          const mv = mo[key];
          md[key] = typeof mv === 'string' ? mv : '';
        }
        init.metadata = md;
      }
      try {
        out.instances.push(ServiceInstance.create(init));
      } catch (e) {
        out.invalid++;
      }
    }
    return out;
  }
}
