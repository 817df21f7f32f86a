import type { ReactElement } from 'react';
import { useController, useUi } from '../app/AppContext';

/** Transient messages (saved, exported, refused controls, restored runs). */
export const Notices = (): ReactElement => {
  const c = useController();
  const notices = useUi((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`} data-testid="notice">
          <span>{n.text}</span>
          <button type="button" className="link" onClick={() => c.dismiss(n.id)} aria-label="Dismiss">×</button>
        </div>
      ))}
    </div>
  );
};
