// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../simulator/src/App';
import { AppContext } from '../../simulator/src/app/AppContext';
import type { AppController } from '../../simulator/src/app/AppController';
import { createTestApp, settle } from './helpers';

const mount = async (): Promise<AppController> => {
  const { controller } = createTestApp();
  render(<AppContext.Provider value={controller}><App /></AppContext.Provider>);
  await act(async () => {
    await controller.start();
    await settle();
  });
  return controller;
};

const run = async (c: AppController, ms: number): Promise<void> => {
  await act(async () => {
    await c.step(ms);
    await settle();
  });
};

afterEach(() => cleanup());

describe('views', () => {
  it('the scenario view lists the bundled examples, validates the editor inline and loads on Apply', async () => {
    const c = await mount();
    fireEvent.click(screen.getByTestId('nav-scenario'));
    expect(screen.getAllByTestId('bundled-scenario').length).toBeGreaterThanOrEqual(5);
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('bundled-scenario').find((b) => b.dataset['id'] === 'smart-home-handoff')!);
      await settle();
    });
    expect(screen.getByTestId('scenario-name').textContent).toBe('smart-home-handoff');
    const text = screen.getByTestId('scenario-text') as HTMLTextAreaElement;
    fireEvent.change(text, { target: { value: text.value.replace('"duration": "40s"', '"duration": "forty"') } });
    expect(screen.getByTestId('editor-validity').textContent).toMatch(/1 problem/);
    expect(screen.getByTestId('editor-issues').textContent).toMatch(/duration/);
    expect((screen.getByTestId('apply-scenario') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(text, { target: { value: text.value.replace('"duration": "forty"', '"duration": "35s"') } });
    expect(c.ui.getState().editor.issues).toEqual([]);
    expect(screen.getByTestId("editor-validity").textContent).toBe("valid");
    await act(async () => {
      fireEvent.click(screen.getByTestId('apply-scenario'));
      await settle();
    });
    expect(c.sim.getState().engine.durationMs).toBe(35000);
  });

  it('the topology shows devices with type icons and services, and a crash turns the services down', async () => {
    const c = await mount();
    await act(async () => {
      await c.openBundled('smart-home-handoff');
      await settle();
    });
    fireEvent.click(screen.getByTestId('nav-topology'));
    await run(c, 6000);
    const devices = screen.getAllByTestId('device-node');
    expect(devices.map((d) => d.dataset['device'])).toEqual(expect.arrayContaining(['phone', 'tv', 'watch']));
    expect(devices[0].querySelector('[data-device-type]')).not.toBeNull();
    const tvService = (): HTMLElement => screen.getAllByTestId('service-node').find((s) => s.dataset['instance'] === 'media.player@tv')!;
    expect(tvService().dataset['health']).toBe('healthy');
    fireEvent.click(devices.find((d) => d.dataset['device'] === 'tv')!);
    const details = screen.getByTestId('device-details');
    await act(async () => {
      fireEvent.click(within(details).getByTestId('crash-device'));
      await settle();
    });
    await run(c, 3000);
    expect(screen.getByTestId('device-state').textContent).toBe('crashed');
    expect(tvService().dataset['health']).toBe('down');
    expect(screen.getAllByTestId('device-node').find((d) => d.dataset['device'] === 'tv')!.dataset['state']).toBe('crashed');
  });

  it('the traces view filters traces and opens a waterfall across devices with span details', async () => {
    const c = await mount();
    await act(async () => {
      await c.openBundled('smart-home-handoff');
      await settle();
    });
    await run(c, 6000);
    fireEvent.click(screen.getByTestId('nav-traces'));
    const rows = screen.getAllByTestId('trace-row');
    expect(rows.length).toBeGreaterThan(5);
    fireEvent.change(screen.getByTestId('trace-filter-duration'), { target: { value: '100000' } });
    expect(screen.queryAllByTestId('trace-row')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('trace-filter-duration'), { target: { value: '0' } });
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('trace-row').find((r) => Number(r.dataset['devices']) >= 2)!);
      await settle();
    });
    const wf = screen.getAllByTestId('wf-row');
    expect(new Set(wf.map((r) => r.dataset['device'])).size).toBeGreaterThanOrEqual(2);
    fireEvent.click(wf[1]);
    expect(screen.getByTestId('span-attributes').textContent).toContain('rpc.service');
  });

  it('the faults view crashes and partitions through the control API and logs it', async () => {
    const c = await mount();
    await act(async () => {
      await c.openBundled('smart-home-handoff');
      await settle();
    });
    await run(c, 4000);
    fireEvent.click(screen.getByTestId('nav-faults'));
    const watch = screen.getAllByTestId('fault-device').find((d) => d.dataset['device'] === 'watch')!;
    fireEvent.click(within(watch).getByRole('checkbox'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('partition-selected'));
      await settle();
    });
    expect(screen.getByTestId('partitions').textContent).toMatch(/watch \| everyone else/);
    const phone = screen.getAllByTestId('fault-device').find((d) => d.dataset['device'] === 'phone')!;
    await act(async () => {
      fireEvent.click(within(phone).getByTestId('fault-crash'));
      await settle();
    });
    expect(screen.getByTestId('fault-log').textContent).toMatch(/crash phone/);
    expect(c.sim.getState().engine.controls.map((x) => x.action.action)).toEqual(['partition', 'crash']);
  });

  it('the breakers view shows breaker states and their timeline', async () => {
    const c = await mount();
    await act(async () => {
      await c.openBundled('flaky-watch-breakers');
      await settle();
    });
    await run(c, 16000);
    fireEvent.click(screen.getByTestId('nav-breakers'));
    const rows = screen.getAllByTestId('breaker-row');
    expect(rows.length).toBeGreaterThan(0);
    expect(c.sim.getState().breakerTransitions.some((t) => t.to === 'open')).toBe(true);
    expect(screen.getByTestId('breaker-timeline').querySelectorAll('rect').length).toBeGreaterThan(1);
  });
});
