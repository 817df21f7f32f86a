/**
 * Where one request goes: the service, an optional version range for picking instances (MeshNode
 * filters the registry's instances by it; traffic splitting and canary middleware set it), and the
 * path the upstream sees after rewriting. Each request gets its own copy, so middleware may change it.
 */
export class UpstreamTarget {
  service: string;
  /** A version range such as `2.x` or `1.4.2`; undefined means any version. */
  version: string | undefined;
  path: string;

  constructor(service: string, version: string | undefined, path: string) {
    this.service = service;
    this.version = version;
    this.path = path;
  }

  copy(): UpstreamTarget {
    return new UpstreamTarget(this.service, this.version, this.path);
  }
}
