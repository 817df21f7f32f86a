import { IdGenerator } from '../../core/ids/IdGenerator';
import { Random } from '../../platform/Random';
import { KeyValueStore } from '../../platform/store/KeyValueStore';

/** Store key under which a device keeps its generated mesh id. */
export const MESH_DEVICE_ID_KEY = 'arkmesh/ohos/device-id';

const ID = /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/;

/**
 * The mesh device type for what the platform reports (`deviceInfo.deviceType`): lower case,
 * `phone` for `default` (what phones report on some releases) or anything empty.
 */
export const meshDeviceTypeOf = (platformType: string | undefined): string => {
  const t = (platformType ?? '').trim().toLowerCase();
  return t.length === 0 || t === 'default' || t.length > 64 ? 'phone' : t;
};

/**
 * This device's mesh id: the one kept in `store`, or a new `<deviceType>-<12 hex digits>` saved
 * there, so the id survives restarts (membership then sees a restart, not a new device) and does
 * not change with the platform's network id, which a device gets anew when it rejoins.
 */
export const loadOrCreateMeshDeviceId = async (store: KeyValueStore, random: Random, deviceType: string): Promise<string> => {
  const stored = await store.get(MESH_DEVICE_ID_KEY);
  if (stored !== undefined && ID.test(stored)) {
    return stored;
  }
  const prefix = deviceType.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  const id = `${prefix.length > 0 ? prefix : 'device'}-${new IdGenerator(random).hex(6)}`;
  await store.set(MESH_DEVICE_ID_KEY, id);
  return id;
};
