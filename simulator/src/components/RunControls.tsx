import type { ChangeEvent, ReactElement } from 'react';
import { useController, useSim } from '../app/AppContext';
import { SPEEDS } from '../app/AppController';
import { formatClock, formatSpeed, formatTime } from '../app/format';

/** Run / pause / step / reset, speed, the simulated clock and a seek bar. */
export const RunControls = (): ReactElement => {
  const c = useController();
  const status = useSim((s) => s.engine.status);
  const speed = useSim((s) => s.engine.speed);
  const time = useSim((s) => s.engine.time);
  const duration = useSim((s) => s.engine.durationMs);
  const loaded = status !== 'empty';
  const running = status === 'running';
  const onSpeed = (e: ChangeEvent<HTMLSelectElement>): void => {
    const v = e.target.value;
    void c.setSpeed(v === 'max' ? 'max' : Number(v));
  };
  const onSeek = (e: ChangeEvent<HTMLInputElement>): void => {
    void c.seek(Number(e.target.value));
  };
  return (
    <div className="run-controls" role="toolbar" aria-label="Run controls">
      <button type="button" className={running ? 'primary active' : 'primary'} disabled={!loaded || status === 'finished'}
        onClick={() => void c.togglePlay()} data-testid="run-toggle" title="Run / pause (Space)">
        {running ? '❚❚ Pause' : '▶ Run'}
      </button>
      <button type="button" disabled={!loaded || running || status === 'finished'} onClick={() => void c.step()} data-testid="step"
        title="Advance 100 ms of simulated time">Step</button>
      <button type="button" disabled={!loaded} onClick={() => void c.reset()} data-testid="reset" title="Back to t = 0">Reset</button>
      <label className="speed">
        <span>Speed</span>
        <select value={String(speed)} onChange={onSpeed} disabled={!loaded} data-testid="speed">
          {SPEEDS.map((s) => <option key={String(s)} value={String(s)}>{formatSpeed(s)}</option>)}
        </select>
      </label>
      <div className="clock" data-testid="clock" title={`${formatTime(time)} of ${formatTime(duration)} simulated`}>
        <span className="clock-now">{formatClock(time)}</span>
        <span className="clock-total">/ {formatClock(duration)}</span>
      </div>
      <input className="seek" type="range" min={0} max={Math.max(1, duration)} step={100} value={Math.min(time, duration)}
        onChange={onSeek} disabled={!loaded} aria-label="Seek" data-testid="seek" />
      <span className={`status status-${status}`} data-testid="run-status">{status}</span>
    </div>
  );
};
