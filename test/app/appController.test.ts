import { describe, expect, it } from 'vitest';
import { MenuCommand } from '../../simulator/electron/ipc';
import { createTestApp, settle } from './helpers';

describe('AppController', () => {
  it('starts on the smallest bundled scenario and restores the last one after a reload', async () => {
    const first = createTestApp();
    await first.controller.start();
    await settle();
    const ui = first.controller.ui.getState();
    expect(ui.ready).toBe(true);
    expect(ui.editor.issues).toEqual([]);
    const bundledFirst = first.controller.bundled[0];
    expect(first.controller.sim.getState().engine.scenarioName).toBe(bundledFirst.name);
    expect(await first.controller.openBundled('smart-home-handoff')).toBe(true);
    first.controller.setView('traces');
    await first.controller.saveLayout();
    first.controller.dispose();

    const second = createTestApp(first.appBackend, first.deviceBackend);
    await second.controller.start();
    await settle();
    expect(second.controller.sim.getState().engine.scenarioName).toBe('smart-home-handoff');
    expect(second.controller.ui.getState().layout.view).toBe('traces');
    second.controller.dispose();
  });

  it('validates edits inline and refuses to load a broken scenario', async () => {
    const { controller } = createTestApp();
    await controller.start();
    const good = controller.ui.getState().editor.text;
    controller.setEditorText(good.replace('"type": "phone"', '"type": "fridge"'));
    const e = controller.ui.getState().editor;
    expect(e.dirty).toBe(true);
    expect(e.issues[0]).toMatchObject({ message: expect.stringMatching(/must be one of/) });
    expect(e.text.split('\n')[e.issues[0].position.line - 1]).toContain('fridge');
    expect(await controller.applyEditor()).toBe(false);
    controller.setEditorText(good);
    expect(controller.ui.getState().editor.dirty).toBe(false);
    controller.dispose();
  });

  it('saves scenarios to the library and to files, and opens files', async () => {
    const { controller, shell } = createTestApp();
    await controller.start();
    await controller.saveToLibrary();
    expect(controller.ui.getState().userScenarios).toHaveLength(1);
    await controller.saveToFile();
    expect(shell.saved[0]).toMatchObject({ kind: 'scenario', name: expect.stringMatching(/\.json$/) });
    shell.nextOpen = { fileName: 'mine.json', text: JSON.stringify({ name: 'mine', duration: '5s', devices: [{ id: 'a', type: 'car' }] }) };
    expect(await controller.openFile()).toBe(true);
    await settle();
    expect(controller.sim.getState().engine.scenarioName).toBe('mine');
    expect(controller.ui.getState().editor.source).toBe('file');
    controller.dispose();
  });

  it('drives the run, sends controls, exports traces and records finished runs for replay', async () => {
    const { controller, shell } = createTestApp();
    await controller.start();
    await controller.openBundled('smart-home-handoff');
    await controller.step(6000);
    expect(await controller.crash('watch')).toEqual([]);
    expect((await controller.partition(['nowhere']))[0].message).toMatch(/nowhere/);
    expect(controller.ui.getState().notices.some((n) => n.level === 'error')).toBe(true);
    await controller.setSpeed(10);
    await controller.nudgeSpeed(1);
    await settle();
    expect(controller.sim.getState().engine.speed).toBe(25);
    await controller.exportTraces('jaeger');
    expect(shell.saved.find((s) => s.kind === 'jaeger')?.text).toContain('traceID');
    await controller.runToEnd();
    await settle(400);
    const runs = controller.ui.getState().runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ scenario: 'smart-home-handoff', controls: 1, time: 40000 });
    expect(await controller.replayRun(runs[0].id)).toBe(true);
    await settle();
    expect(controller.sim.getState().engine.controls).toHaveLength(0);
    await controller.runToEnd();
    await settle();
    expect(controller.sim.getState().engine.devices.find((d) => d.id === 'watch')?.crashes).toBe(1);
    controller.dispose();
  });

  it('acts on menu commands', async () => {
    const { controller, shell } = createTestApp();
    await controller.start();
    shell.menu(MenuCommand.ShowBreakers);
    expect(controller.ui.getState().layout.view).toBe('breakers');
    shell.menu(MenuCommand.Step);
    await settle();
    expect(controller.sim.getState().engine.time).toBe(100);
    controller.dispose();
  });
});
