import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  stroke: string;
  /** Format of the legend value. */
  unit?: string;
}

export interface UPlotChartProps {
  title: string;
  series: readonly ChartSeries[];
  /** Columns: x (virtual seconds), then one column per series. */
  data: () => uPlot.AlignedData;
  /** Redraw when this changes. */
  version: number;
  height?: number;
  yRange?: [number, number];
  testId?: string;
}

const AXIS = { stroke: '#8b949e', grid: { stroke: '#21262d', width: 1 }, ticks: { stroke: '#30363d', width: 1 } };

/**
 * A uPlot time-series chart (canvas, cheap enough to redraw many per frame) that follows its
 * container's width and redraws when `version` changes, at most once per animation frame.
 */
export const UPlotChart = ({ title, series, data, version, height = 150, yRange, testId }: UPlotChartProps): ReactElement => {
  const host = useRef<HTMLDivElement | null>(null);
  const plot = useRef<uPlot | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  const frame = useRef(0);

  useEffect(() => {
    const el = host.current;
    if (el === null) return undefined;
    const opts: uPlot.Options = {
      title, width: Math.max(200, el.clientWidth), height,
      scales: { x: { time: false }, y: yRange === undefined ? { auto: true } : { auto: false, range: yRange } },
      axes: [{ ...AXIS, label: 'simulated s', labelSize: 16, size: 32 }, { ...AXIS, size: 48 }],
      series: [{ label: 't', value: (_u, v) => (v === null ? '–' : `${v.toFixed(1)} s`) },
        ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 1.5, spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v === null || !Number.isFinite(v) ? '–' : `${v.toFixed(v < 10 ? 2 : 0)}${s.unit ?? ''}`) }))],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    };
    const u = new uPlot(opts, dataRef.current(), el);
    plot.current = u;
    const ro = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame.current);
      u.destroy();
      plot.current = null;
    };
    // The chart is rebuilt only when its shape changes; data flows through `version`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [title, height, series.length]);

  useEffect(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => plot.current?.setData(dataRef.current()));
  }, [version]);

  return <div className="chart" ref={host} data-testid={testId} />;
};
