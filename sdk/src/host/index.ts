export type { MeshHost, MeshHostOptions } from './MeshHost';
export { createNodeHost, setImmediateSettle } from './createNodeHost';
export { createWebHost, createMessageChannelSettle } from './createWebHost';
export { createRuntimeCrypto, createRuntimeRandom } from './webCrypto';
