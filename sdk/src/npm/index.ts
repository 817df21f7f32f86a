// The npm face of @arkmesh/sdk: the same public API as sdk/Index.ets (the HAR's face), plus the
// host entry points that build platform ports for Node, Electron and browsers. A test checks that
// this file and Index.ets export the same SDK names.
export * from '../main/ets/core/index';
export * from '../main/ets/platform/index';
export * from '../main/ets/transport/index';
export * from '../main/ets/auth/index';
export * from '../main/ets/membership/index';
export * from '../main/ets/registry/index';
export * from '../main/ets/mesh/index';
export * from '../main/ets/tracing/index';
export * from '../main/ets/resilience/index';
export * from '../main/ets/gateway/index';
export * from '../main/ets/metrics/index';
export * from '../main/ets/messaging/index';
export * from '../main/ets/eventstore/index';
export * from '../main/ets/saga/index';
export * from '../host/index';
