import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ReactElement } from 'react';
import { DeviceIcon } from '../../components/DeviceIcon';
import type { DeviceNode, ServiceNode } from './topologyModel';

const memberLabel = (d: DeviceNode['data']): string | undefined => {
  if (d.state === 'crashed') return 'crashed';
  if (d.state === 'down') return 'down';
  if (d.member === 'dead') return `dead (${d.deadBy})`;
  if (d.member === 'suspect') return `suspect (${d.suspectBy})`;
  return undefined;
};

/** A device: a group with its type icon, id, state and membership as the mesh sees it. */
export const DeviceNodeView = memo(({ data }: NodeProps<DeviceNode>): ReactElement => {
  const badge = memberLabel(data);
  const cls = ['topo-device', `device-${data.state}`, `member-${data.member}`, data.picked ? 'picked' : '', data.selected ? 'selected' : '']
    .filter((c) => c !== '').join(' ');
  return (
    <div className={cls} data-testid="device-node" data-device={data.id} data-state={data.state} data-member={data.member}>
      <div className="topo-device-header">
        <DeviceIcon type={data.type} />
        <span className="topo-device-id">{data.id}</span>
        {badge !== undefined && <span className={`badge badge-${data.state === 'up' ? data.member : data.state}`}>{badge}</span>}
      </div>
      {data.services === 0 && <div className="topo-client muted">client</div>}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
DeviceNodeView.displayName = 'DeviceNodeView';

/** A service instance: coloured by health, ringed by its worst breaker state. */
export const ServiceNodeView = memo(({ data }: NodeProps<ServiceNode>): ReactElement => (
  <div className={`topo-service health-${data.health} breaker-${data.breaker}${data.selected ? ' selected' : ''}`} data-testid="service-node"
    data-instance={data.id} data-health={data.health} data-breaker={data.breaker} title={`${data.id} v${data.version}: ${data.health}, breaker ${data.breaker}`}>
    <Handle type="target" position={Position.Left} isConnectable={false} />
    <span className={`dot health-${data.health}`} />
    <span className="topo-service-name">{data.service}</span>
    {data.breaker === 'open' && <span className="badge badge-open">open</span>}
    {data.breaker === 'half-open' && <span className="badge badge-half">half</span>}
    <span className="topo-service-rate muted">{data.rps > 0 ? `${data.rps < 10 ? data.rps.toFixed(1) : Math.round(data.rps)}/s` : ''}</span>
  </div>
));
ServiceNodeView.displayName = 'ServiceNodeView';
