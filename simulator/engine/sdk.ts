// The engine's one seam to the SDK: everything it uses comes from the SDK's npm entry (the same
// public API as the HAR's Index.ets plus the host entry points). The engine never copies SDK logic.
export * from '../../sdk/src/npm/index';
