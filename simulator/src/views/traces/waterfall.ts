import type { SpanDetail } from '../../engine/protocol';

export interface WaterfallRow {
  span: SpanDetail;
  depth: number;
  /** Offset from the trace's start and width, as shares of the trace's duration (0..1). */
  left: number;
  width: number;
}

/**
 * Orders a trace's spans as a tree (parents before children, siblings by start time) with their
 * depth and bar geometry, like Jaeger's timeline. Spans whose parent was not kept are roots.
 */
export const waterfallRows = (spans: readonly SpanDetail[]): WaterfallRow[] => {
  if (spans.length === 0) return [];
  const byId = new Map<string, SpanDetail>();
  for (const s of spans) byId.set(s.spanId, s);
  const children = new Map<string, SpanDetail[]>();
  const roots: SpanDetail[] = [];
  for (const s of spans) {
    if (s.parentSpanId !== undefined && byId.has(s.parentSpanId)) {
      let list = children.get(s.parentSpanId);
      if (list === undefined) children.set(s.parentSpanId, (list = []));
      list.push(s);
    } else {
      roots.push(s);
    }
  }
  const byStart = (a: SpanDetail, b: SpanDetail): number => a.start - b.start || a.spanId.localeCompare(b.spanId);
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.start + s.durationMs));
  const total = Math.max(end - start, 0.001);
  const rows: WaterfallRow[] = [];
  const seen = new Set<string>();
  const visit = (s: SpanDetail, depth: number): void => {
    if (seen.has(s.spanId)) return;
    seen.add(s.spanId);
    rows.push({ span: s, depth, left: (s.start - start) / total, width: Math.max(s.durationMs / total, 0) });
    for (const child of (children.get(s.spanId) ?? []).sort(byStart)) visit(child, depth + 1);
  };
  for (const r of roots.sort(byStart)) visit(r, 0);
  return rows;
};

const PALETTE = ['#58a6ff', '#3fb950', '#d2a8ff', '#f0883e', '#39c5cf', '#ff7b72', '#e3b341', '#a5d6ff', '#7ee787', '#ffa198'];

/** A stable colour per device. */
export const deviceColour = (device: string): string => {
  let h = 0;
  for (let i = 0; i < device.length; i++) h = (h * 31 + device.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
};
