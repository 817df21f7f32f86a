// ServiceRegistry.discover over 1,000 instances against a naive filter over the same array.
import { HealthStatus, SemVerRange, ServiceInstance, ServiceRegistry } from '../../sdk/src/main/ets/registry/index';
import { defineBench } from './harness';

const oneService = new ServiceRegistry('local');
const tenServices = new ServiceRegistry('local');
const oneAll: ServiceInstance[] = [];
const tenAll: ServiceInstance[] = [];
for (let d = 0; d < 100; d++) {
  const device = `device-${d}`;
  const a: ServiceInstance[] = [];
  const b: ServiceInstance[] = [];
  for (let k = 0; k < 10; k++) {
    const common = { deviceId: device, deviceType: d % 3 === 0 ? 'tv' : 'phone', version: `${1 + (k % 3)}.${k}.0`, tags: k % 2 === 0 ? ['hd'] : [] };
    a.push(ServiceInstance.create({ id: `media-${d}-${k}`, serviceName: 'media.player', ...common }));
    b.push(ServiceInstance.create({ id: `svc${k}-${d}`, serviceName: `svc.s${k}`, ...common }));
  }
  oneService.replaceDevice(device, a);
  tenServices.replaceDevice(device, b);
  oneAll.push(...a);
  tenAll.push(...b);
}
const healthy = (i: ServiceInstance): boolean => i.effectiveHealth !== HealthStatus.CRITICAL && !i.ejected;
const range = SemVerRange.parse('^2.0.0');
let sink = 0;

export default defineBench({
  name: 'registry',
  cases: [
    {
      op: 'discover, 1 service x 1,000 instances',
      arkmesh: () => { sink += oneService.discover('media.player').length; },
      peers: [{ name: 'array filter', fn: () => { sink += oneAll.filter((i) => i.serviceName === 'media.player' && healthy(i)).length; } }],
    },
    {
      op: 'discover, 10 services x 100 instances',
      arkmesh: () => { sink += tenServices.discover('svc.s7').length; },
      peers: [{ name: 'array filter', fn: () => { sink += tenAll.filter((i) => i.serviceName === 'svc.s7' && healthy(i)).length; } }],
    },
    {
      op: 'discover with versionRange ^2.0.0 (1,000)',
      arkmesh: () => { sink += oneService.discover('media.player', { versionRange: '^2.0.0' }).length; },
      peers: [{ name: 'array filter', fn: () => { sink += oneAll.filter((i) => i.serviceName === 'media.player' && healthy(i) && range.test(i.semver)).length; } }],
    },
    {
      op: 'discover with tags + deviceType (uncached, 1,000)',
      arkmesh: () => { sink += oneService.discover('media.player', { tags: ['hd'], deviceType: 'tv' }).length; },
      peers: [{ name: 'array filter', fn: () => { sink += oneAll.filter((i) => i.serviceName === 'media.player' && healthy(i) && i.hasTag('hd') && i.deviceType === 'tv').length; } }],
    },
  ],
});
