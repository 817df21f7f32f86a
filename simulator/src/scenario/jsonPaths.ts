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

/** The offset where strict JSON parsing of `text` fails, or undefined when it is valid JSON. */
export const jsonErrorOffset = (text: string): number | undefined => {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i++;
        } else {
          fail();
        }
      } else {
        i++;
      }
    }
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (m === null || m[0] === '' || m[0] === '-') fail();
    else i += m[0].length;
  };
  const value = (depth: number): void => {
    ws();
    if (depth > 500) fail();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : undefined;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
};

/** The line and column of `offset` in `text`. */
export const positionOf = (text: string, offset: number): TextPosition => {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
};

/** Where a JSON syntax error is: the engine's own reading of the message when it says, else a strict scan. */
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
  const offset = p !== null ? Math.min(Number(p[1]), text.length) : jsonErrorOffset(text);
  return offset === undefined ? undefined : positionOf(text, offset);
};
