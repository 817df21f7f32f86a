/** The app's views, in menu order. */
export type ViewId = 'topology' | 'traffic' | 'traces' | 'queues' | 'sagas' | 'breakers' | 'faults' | 'scenario';

export interface ViewInfo {
  id: ViewId;
  label: string;
  /** Keyboard shortcut digit (Ctrl/Cmd + digit in Electron's menu, Alt + digit in the page). */
  key: string;
}

export const VIEWS: readonly ViewInfo[] = [
  { id: 'topology', label: 'Topology', key: '1' },
  { id: 'traffic', label: 'Traffic', key: '2' },
  { id: 'traces', label: 'Traces', key: '3' },
  { id: 'queues', label: 'Queues', key: '4' },
  { id: 'sagas', label: 'Sagas', key: '5' },
  { id: 'breakers', label: 'Breakers', key: '6' },
  { id: 'faults', label: 'Faults', key: '7' },
  { id: 'scenario', label: 'Scenario', key: '8' },
];

export const isViewId = (v: unknown): v is ViewId => typeof v === 'string' && VIEWS.some((x) => x.id === v);
