import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import type { Edge, EdgeMouseHandler, NodeChange, NodeMouseHandler, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useController, useSim, useUi } from '../../app/AppContext';
import { formatTime } from '../../app/format';
import { buildEdges, buildNodes, StableList } from './topologyModel';
import type { TopologyNode, XY } from './topologyModel';
import { DeviceNodeView, ServiceNodeView } from './TopologyNodes';

const nodeTypes: NodeTypes = { device: DeviceNodeView, service: ServiceNodeView };

const minimapColour = (n: TopologyNode): string => {
  if (n.type === 'device') return n.data.state === 'up' ? (n.data.member === 'alive' ? '#30363d' : '#9e6a03') : '#6e2b2b';
  switch (n.data.health) {
    case 'healthy': return '#2ea043';
    case 'degraded': return '#d29922';
    case 'unhealthy': return '#f85149';
    case 'down': return '#8b2d2d';
    default: return '#484f58';
  }
};

const Legend = (): ReactElement => (
  <div className="topo-legend">
    <span><i className="dot health-healthy" /> healthy</span>
    <span><i className="dot health-degraded" /> degraded</span>
    <span><i className="dot health-unhealthy" /> unhealthy</span>
    <span><i className="dot health-down" /> down</span>
    <span><i className="dot health-idle" /> idle</span>
    <span><i className="ring breaker-open" /> breaker open</span>
    <span><i className="ring member-suspect" /> suspect</span>
  </div>
);

/**
 * The mesh as a graph: devices as groups (icon by type) holding their service instances, live
 * edges from calling devices to instances with rate, errors and latency, health and breaker
 * state as colours, SWIM suspicion as badges. Positions come from the scenario's device order
 * (stable while the run changes) unless the user dragged a device (kept in the layout).
 */
export const TopologyView = (): ReactElement => {
  const c = useController();
  const devices = useSim((s) => s.engine.devices);
  const topology = useSim((s) => s.topology);
  const scenario = useSim((s) => s.engine.scenarioName);
  const positions = useUi((s) => s.layout.positions);
  const selection = useUi((s) => s.selection);
  const pick = useUi((s) => s.partitionPick);
  const [dragging, setDragging] = useState<Record<string, XY>>({});
  const stableNodes = useRef(new StableList<TopologyNode>());
  const stableEdges = useRef(new StableList<Edge>());
  const selectedId = selection?.id;

  const nodes = useMemo(() => stableNodes.current.apply(buildNodes({
    devices, topology, positions: { ...positions, ...dragging }, picked: new Set(pick), selectedId,
  })), [devices, topology, positions, dragging, pick, selectedId]);
  const edges = useMemo(() => stableEdges.current.apply(buildEdges(topology, selectedId)), [topology, selectedId]);

  const onNodesChange = useCallback((changes: NodeChange<TopologyNode>[]): void => {
    const moved: Record<string, XY> = {};
    let any = false;
    for (const ch of changes) {
      if (ch.type === 'position' && ch.position !== undefined && ch.id.startsWith('dev:')) {
        moved[ch.id.slice(4)] = ch.position;
        any = true;
      }
    }
    if (any) setDragging((d) => ({ ...d, ...moved }));
  }, []);
  const onNodeDragStop = useCallback((): void => {
    setDragging((d) => {
      if (Object.keys(d).length > 0) c.updateLayout({ positions: { ...c.ui.getState().layout.positions, ...d } });
      return {};
    });
  }, [c]);
  const onNodeClick: NodeMouseHandler<TopologyNode> = useCallback((_e, node) => {
    c.select(node.type === 'device' ? { kind: 'device', id: node.data.id } : { kind: 'instance', id: node.data.id });
  }, [c]);
  const onEdgeClick: EdgeMouseHandler = useCallback((_e, edge) => c.select({ kind: 'edge', id: edge.id }), [c]);

  if (devices.length === 0) {
    return <div className="empty-view" data-testid="topology-empty">Open a scenario (Scenario view) to see its devices here.</div>;
  }
  return (
    <div className="topology" data-testid="topology">
      <ReactFlow<TopologyNode, Edge> key={`${scenario ?? ''}:${devices.length}`} nodes={nodes} edges={edges} nodeTypes={nodeTypes}
        onNodesChange={onNodesChange} onNodeDragStop={onNodeDragStop} onNodeClick={onNodeClick} onEdgeClick={onEdgeClick}
        onPaneClick={() => c.select(undefined)} fitView fitViewOptions={{ padding: 0.08 }} minZoom={0.05} maxZoom={2}
        onlyRenderVisibleElements={devices.length > 60} nodesConnectable={false} elementsSelectable proOptions={{ hideAttribution: true }}
        colorMode="dark">
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        <MiniMap<TopologyNode> pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={0} />
      </ReactFlow>
      <Legend />
      <div className="topo-caption muted">
        rates over the last {formatTime(topology.windowMs)}{topology.hiddenEdges > 0 ? ` · ${topology.hiddenEdges} quieter edges hidden` : ''}
      </div>
    </div>
  );
};
