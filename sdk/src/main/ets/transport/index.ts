export type { MeshBody } from './MeshBody';
export { MeshRequest } from './MeshRequest';
export type { MeshRequestInit } from './MeshRequest';
export { MeshResponse } from './MeshResponse';
export type { MeshResponseInit } from './MeshResponse';
