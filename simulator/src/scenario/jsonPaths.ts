/**
 * Where each value of a JSON text starts, by the path the scenario validator names it with
 * (`devices[2].services[0].latency.p99`), so validation messages can be shown on their lines.
 * A forgiving scanner: it maps what it can of a damaged text and never throws.
 */

/** 1-based line and column. */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

/** The validator's path syntax (engine Checker): `a.b[2].c`. */
export const joinPath = (parent: string, key: string | number): string => {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
};

/** Positions of every value (and of every key, under the same path) in `text`. */
export const mapJsonPaths = (text: string): Map<string, TextPosition> => {
  const out = new Map<string, TextPosition>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): TextPosition => ({ line, column: i - lineStart + 1, offset: i });
  const skip = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') {
        line++;
        i++;
        lineStart = i;
      } else if (c === ' ' || c === '\t' || c === '\r') {
        i++;
      } else {
        break;
      }
    }
  };
  const readString = (): string => {
    // At the opening quote.
    let end = i + 1;
    while (end < text.length && text[end] !== '"' && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
    const raw = text.slice(i, Math.min(end + 1, text.length));
    i = Math.min(end + 1, text.length);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  };
  const value = (path: string, depth: number): void => {
    skip();
    if (i >= text.length || depth > 200) return;
    if (!out.has(path)) out.set(path, pos());
    const c = text[i];
    if (c === '{') {
      i++;
      for (;;) {
        skip();
        if (i >= text.length) return;
        if (text[i] === '}') {
          i++;
          return;
        }
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] !== '"') {
          i++;
          continue;
        }
        const keyPos = pos();
        const key = readString();
        const child = joinPath(path, key);
        out.set(child, keyPos);
        skip();
        if (text[i] === ':') i++;
        value(child, depth + 1);
        // The key's line is where a message about the field reads best.
        out.set(child, keyPos);
      }
    } else if (c === '[') {
      i++;
      let index = 0;
      for (;;) {
        skip();
        if (i >= text.length) return;
        if (text[i] === ']') {
          i++;
          return;
        }
        if (text[i] === ',') {
          i++;
          index++;
          continue;
        }
        value(joinPath(path, index), depth + 1);
      }
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && !',}]\n'.includes(text[i])) i++;
    }
  };
  value('', 0);
  return out;
};

/** The position of `path`, or of its nearest ancestor present in the text (the root otherwise). */
export const locatePath = (paths: Map<string, TextPosition>, path: string): TextPosition => {
  let p = path;
  for (;;) {
    const hit = paths.get(p);
    if (hit !== undefined) return hit;
    if (p === '') return { line: 1, column: 1, offset: 0 };
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut <= 0 ? '' : p.slice(0, cut);
  }
};

/** Where a JSON.parse error points (V8: "at position N" / "line L column C"), if it says. */
export const syntaxErrorPosition = (text: string, message: string): TextPosition | undefined => {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc !== null) {
    const line = Number(lc[1]);
    const column = Number(lc[2]);
    let offset = 0;
    for (let l = 1; l < line && offset >= 0; l++) offset = text.indexOf('\n', offset) + 1;
    return { line, column, offset: offset + column - 1 };
  }
  const p = /position (\d+)/.exec(message);
  if (p === null) return undefined;
  const offset = Math.min(Number(p[1]), text.length);
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
};
