import type { Edge, Node } from '@xyflow/react';
import type { DeviceView } from '../../../engine/index';
import type { EdgeView, Health, InstanceView, MemberView, TopologyModel } from '../../engine/protocol';

export const DEVICE_WIDTH = 210;
export const DEVICE_HEADER = 44;
export const SERVICE_HEIGHT = 30;
export const SERVICE_GAP = 6;
export const CELL_GAP_X = 170;
export const CELL_GAP_Y = 44;
/** Edges are labelled (rate, errors, latency) when there are at most this many, else only on the selection. */
export const LABEL_EDGE_LIMIT = 40;
/** Edges animate when there are at most this many. */
export const ANIMATE_EDGE_LIMIT = 60;

export type DeviceNodeData = {
  id: string;
  type: string;
  state: DeviceView['state'];
  member: MemberView['state'];
  suspectBy: number;
  deadBy: number;
  services: number;
  picked: boolean;
  selected: boolean;
};

export type ServiceNodeData = {
  id: string;
  service: string;
  version: string;
  health: Health;
  breaker: InstanceView['breaker'];
  rps: number;
  errorRate: number;
  selected: boolean;
};

export type DeviceNode = Node<DeviceNodeData, 'device'>;
export type ServiceNode = Node<ServiceNodeData, 'service'>;
export type TopologyNode = DeviceNode | ServiceNode;

export const deviceNodeId = (device: string): string => `dev:${device}`;
export const serviceNodeId = (instance: string): string => `svc:${instance}`;

export const deviceHeight = (services: number): number =>
  DEVICE_HEADER + Math.max(1, services) * (SERVICE_HEIGHT + SERVICE_GAP) + SERVICE_GAP;

export interface XY {
  x: number;
  y: number;
}

/**
 * Grid positions in the scenario's device order: a device keeps its cell however the run
 * changes (crashes, traffic, membership), so the layout never jumps.
 */
export const gridLayout = (devices: ReadonlyArray<{ id: string; services: readonly string[] }>): Map<string, XY> => {
  const out = new Map<string, XY>();
  const n = devices.length;
  if (n === 0) return out;
  const columns = Math.max(1, Math.ceil(Math.sqrt(n * 1.5)));
  const cellH = Math.max(...devices.map((d) => deviceHeight(d.services.length))) + CELL_GAP_Y;
  const cellW = DEVICE_WIDTH + CELL_GAP_X;
  devices.forEach((d, i) => out.set(d.id, { x: (i % columns) * cellW, y: Math.floor(i / columns) * cellH }));
  return out;
};

export interface BuildInput {
  devices: readonly DeviceView[];
  topology: TopologyModel;
  positions: Readonly<Record<string, XY>>;
  picked: ReadonlySet<string>;
  selectedId: string | undefined;
}

/** React Flow nodes: a group per device with its service instances inside. */
export const buildNodes = (input: BuildInput): TopologyNode[] => {
  const grid = gridLayout(input.devices);
  const members = new Map<string, MemberView>();
  for (const m of input.topology.members) members.set(m.device, m);
  const instances = new Map<string, InstanceView[]>();
  for (const i of input.topology.instances) {
    let list = instances.get(i.device);
    if (list === undefined) instances.set(i.device, (list = []));
    list.push(i);
  }
  const nodes: TopologyNode[] = [];
  for (const d of input.devices) {
    const m = members.get(d.id);
    const list = instances.get(d.id) ?? [];
    const id = deviceNodeId(d.id);
    nodes.push({
      id, type: 'device', position: input.positions[d.id] ?? grid.get(d.id) ?? { x: 0, y: 0 },
      width: DEVICE_WIDTH, height: deviceHeight(list.length),
      data: {
        id: d.id, type: d.type, state: d.state, member: m?.state ?? 'alive', suspectBy: m?.suspectBy ?? 0, deadBy: m?.deadBy ?? 0,
        services: list.length, picked: input.picked.has(d.id), selected: input.selectedId === d.id,
      },
      selectable: true, draggable: true,
    });
    list.forEach((i, k) => {
      nodes.push({
        id: serviceNodeId(i.id), type: 'service', parentId: id, extent: 'parent', draggable: false,
        position: { x: SERVICE_GAP + 2, y: DEVICE_HEADER + k * (SERVICE_HEIGHT + SERVICE_GAP) },
        width: DEVICE_WIDTH - 2 * (SERVICE_GAP + 2), height: SERVICE_HEIGHT,
        data: {
          id: i.id, service: i.service, version: i.version, health: i.health, breaker: i.breaker, rps: i.rps, errorRate: i.errorRate,
          selected: input.selectedId === i.id,
        },
      });
    });
  }
  return nodes;
};

export const edgeColour = (e: EdgeView): string => (e.errorRate >= 0.2 ? '#f85149' : e.errorRate >= 0.02 ? '#d29922' : '#58a6ff');

/** React Flow edges: live traffic from a calling device to an instance. */
export const buildEdges = (topology: TopologyModel, selectedId: string | undefined): Edge[] => {
  const label = topology.edges.length <= LABEL_EDGE_LIMIT;
  const animate = topology.edges.length <= ANIMATE_EDGE_LIMIT;
  return topology.edges.map((e) => {
    const involved = selectedId !== undefined && (e.from === selectedId || e.to === selectedId || e.to.endsWith(`@${selectedId}`) || e.id === selectedId);
    const colour = edgeColour(e);
    return {
      id: e.id, source: deviceNodeId(e.from), target: serviceNodeId(e.to), animated: animate && e.rps > 0,
      label: label || involved ? `${e.rps.toFixed(e.rps < 10 ? 1 : 0)}/s · ${(e.errorRate * 100).toFixed(e.errorRate > 0 && e.errorRate < 0.1 ? 1 : 0)}% · ${Math.round(e.latencyMs)} ms` : undefined,
      style: { stroke: colour, strokeWidth: 1 + Math.min(4, Math.log10(1 + e.rps) * 1.6), opacity: selectedId === undefined || involved ? 0.9 : 0.25 },
      labelStyle: { fill: '#c9d1d9', fontSize: 11 },
      labelBgStyle: { fill: '#161b22', fillOpacity: 0.85 },
      data: { errorRate: e.errorRate },
      zIndex: 1,
    };
  });
};

/**
 * Keeps the objects of unchanged items (same JSON), so React Flow and memoised node components
 * only redraw what changed.
 */
export class StableList<T extends { id: string }> {
  private _cache = new Map<string, { sig: string; item: T }>();

  apply(items: readonly T[]): T[] {
    const next = new Map<string, { sig: string; item: T }>();
    const out: T[] = [];
    for (const item of items) {
      const sig = JSON.stringify(item);
      const prev = this._cache.get(item.id);
      const kept = prev !== undefined && prev.sig === sig ? prev.item : item;
      next.set(item.id, { sig, item: kept });
      out.push(kept);
    }
    this._cache = next;
    return out;
  }
}
