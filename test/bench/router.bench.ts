// Route lookup on the GitHub REST API table (217 routes, test/bench/github-routes.ts): ArkMesh's
// Router against find-my-way (the router of Fastify, whose feature set ours keeps: constraints,
// normalisation options, decoded and length-checked params) and @medley/router (a leaner radix
// router without methods, constraints or decoding, the fastest we measured on this table).
// Each library gets the same table and the same request paths; every lookup's result is consumed.
import FindMyWay from 'find-my-way';
import MedleyRouter from '@medley/router';
import { Router } from '../../sdk/src/main/ets/gateway/index';
import { defineBench } from './harness';
import { GITHUB_ROUTES, samplePath } from './github-routes';

const arkmesh = new Router<number>();
const fmw = FindMyWay();
const medley = new MedleyRouter();

interface Request {
  method: string;
  path: string;
}
const sweep: Request[] = GITHUB_ROUTES.map((r) => ({ method: r.method, path: samplePath(r.path) }));

let sink = 0;
const noop = (): void => {};

const staticReq: Request = { method: 'GET', path: '/user/repos' };
const twoParams: Request = { method: 'GET', path: '/repos/octocat/hello-world/issues' };
const fourParams: Request = { method: 'GET', path: '/repos/octocat/hello-world/pulls/42/reviews/80/comments' };
const miss: Request = { method: 'GET', path: '/repos/octocat/hello-world/pulls/42/nonexistent' };

const ark = (r: Request): void => {
  const m = arkmesh.find(r.method, r.path);
  sink += m === undefined ? 0 : m.values.length + 1;
};
const fmwFind = (r: Request): void => {
  const m = fmw.find(r.method as 'GET', r.path);
  sink += m === null ? 0 : Object.keys(m.params).length + 1;
};
const medleyFind = (r: Request): void => {
  const m = medley.find(r.path);
  const handler = m === null ? undefined : (m.store as Record<string, number | undefined>)[r.method];
  sink += m === null || handler === undefined ? 0 : Object.keys(m.params).length + 1;
};

const peers = (r: Request) => [
  { name: 'find-my-way', fn: () => fmwFind(r) },
  { name: '@medley/router', fn: () => medleyFind(r) },
];

export default defineBench({
  name: 'router',
  setup: () => {
    GITHUB_ROUTES.forEach((r, i) => {
      arkmesh.add({ method: r.method, path: r.path, data: i });
      fmw.on(r.method as 'GET', r.path, noop, { index: i });
      (medley.register(r.path) as Record<string, number>)[r.method] = i;
    });
    // Every library must resolve every sample path to its own route, or the comparison is void.
    sweep.forEach((r, i) => {
      const a = arkmesh.find(r.method, r.path);
      const f = fmw.find(r.method as 'GET', r.path);
      const m = medley.find(r.path);
      if (a?.data !== i || (f?.store as { index: number } | undefined)?.index !== i || (m?.store as Record<string, number>)[r.method] !== i) {
        throw new Error(`route table mismatch at ${r.method} ${r.path}`);
      }
    });
    for (const r of [staticReq, twoParams, fourParams]) {
      if (arkmesh.find(r.method, r.path) === undefined) throw new Error(`no route for ${r.path}`);
    }
    if (arkmesh.find(miss.method, miss.path) !== undefined || fmw.find('GET', miss.path) !== null || medley.find(miss.path) !== null) {
      throw new Error('the miss case matched a route');
    }
  },
  cases: [
    { op: 'static lookup (GET /user/repos)', arkmesh: () => ark(staticReq), peers: peers(staticReq) },
    { op: '2-param lookup', arkmesh: () => ark(twoParams), peers: peers(twoParams) },
    { op: '4-param lookup', arkmesh: () => ark(fourParams), peers: peers(fourParams) },
    { op: 'miss', arkmesh: () => ark(miss), peers: peers(miss) },
    {
      op: `sweep over all ${sweep.length} routes`,
      batch: sweep.length,
      arkmesh: () => { for (let i = 0; i < sweep.length; i++) ark(sweep[i]); },
      peers: [
        { name: 'find-my-way', fn: () => { for (let i = 0; i < sweep.length; i++) fmwFind(sweep[i]); } },
        { name: '@medley/router', fn: () => { for (let i = 0; i < sweep.length; i++) medleyFind(sweep[i]); } },
      ],
    },
  ],
});
