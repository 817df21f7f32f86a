import { useMemo, useRef } from 'react';
import type { ChangeEvent, KeyboardEvent, ReactElement } from 'react';
import { useController, useUi } from '../../app/AppContext';
import type { EditorIssue } from '../../store/uiStore';

/** Line height of the editor, px (the textarea and the marks share it). */
export const LINE_HEIGHT = 18;

/**
 * The scenario's JSON with validation messages on their lines: the text is validated as it is
 * typed (the engine's own validator), each message is pinned to the line of the field it names,
 * and the list below jumps to it. Apply loads it into the engine.
 */
export const ScenarioEditor = (): ReactElement => {
  const c = useController();
  const editor = useUi((s) => s.editor);
  const area = useRef<HTMLTextAreaElement | null>(null);
  const lines = useMemo(() => editor.text.split('\n').length, [editor.text]);
  const byLine = useMemo(() => {
    const m = new Map<number, EditorIssue[]>();
    for (const i of editor.issues) {
      const list = m.get(i.position.line) ?? [];
      list.push(i);
      m.set(i.position.line, list);
    }
    return m;
  }, [editor.issues]);
  const jump = (i: EditorIssue): void => {
    const el = area.current;
    if (el === null) return;
    el.focus();
    el.setSelectionRange(i.position.offset, i.position.offset);
    el.parentElement?.parentElement?.scrollTo({ top: Math.max(0, (i.position.line - 4) * LINE_HEIGHT) });
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Tab') {
      e.preventDefault();
      const el = e.currentTarget;
      const start = el.selectionStart;
      const text = `${el.value.slice(0, start)}  ${el.value.slice(el.selectionEnd)}`;
      c.setEditorText(text);
      requestAnimationFrame(() => el.setSelectionRange(start + 2, start + 2));
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void c.applyEditor();
    }
  };
  return (
    <div className="editor-wrap">
      <div className="editor-toolbar">
        <b>{editor.name || 'untitled'}</b>
        <span className="muted">({editor.source}{editor.dirty ? ', edited — not loaded' : ''})</span>
        <span className={`badge ${editor.issues.length === 0 ? 'badge-ok' : 'badge-open'}`} data-testid="editor-validity">
          {editor.issues.length === 0 ? 'valid' : `${editor.issues.length} problem${editor.issues.length === 1 ? '' : 's'}`}
        </span>
        <span className="grow" />
        <button type="button" className="primary" disabled={editor.issues.length > 0} onClick={() => void c.applyEditor()} data-testid="apply-scenario"
          title="Load into the engine (Ctrl+Enter)">Apply</button>
        <button type="button" onClick={() => void c.saveToLibrary()} disabled={editor.text === ''} data-testid="save-library">Save in library</button>
        <button type="button" onClick={() => void c.saveToFile()} disabled={editor.text === ''} data-testid="save-file">Save file…</button>
        <button type="button" onClick={() => void c.openFile()} data-testid="open-file">Open file…</button>
      </div>
      <div className="editor-scroll">
        <div className="editor" style={{ height: Math.max(lines, 20) * LINE_HEIGHT + 12 }}>
          <div className="editor-gutter" aria-hidden="true">
            {Array.from({ length: lines }, (_v, k) => (
              <div key={k} className={byLine.has(k + 1) ? 'gutter-line has-issue' : 'gutter-line'}>{k + 1}</div>
            ))}
          </div>
          <div className="editor-body">
            <textarea ref={area} value={editor.text} spellCheck={false} wrap="off" aria-label="Scenario JSON" data-testid="scenario-text"
              onChange={(e: ChangeEvent<HTMLTextAreaElement>) => c.setEditorText(e.target.value)} onKeyDown={onKey} />
            <div className="editor-marks" aria-hidden="true">
              {[...byLine.entries()].map(([line, list]) => (
                <div key={line} className="editor-mark" style={{ top: (line - 1) * LINE_HEIGHT + 6 }}>
                  <span className="editor-mark-text">{list.map((i) => i.message).join(' · ')}</span>
                </div>
              ))}
            </div>
          </div>
        </div>
      </div>
      {editor.issues.length > 0 && (
        <ul className="issues" data-testid="editor-issues">
          {editor.issues.map((i, k) => (
            <li key={k}>
              <button type="button" className="link" onClick={() => jump(i)}>line {i.position.line}</button>{' '}
              <span className="mono">{i.path === '' ? '(root)' : i.path}</span>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};
