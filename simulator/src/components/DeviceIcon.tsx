import type { ReactElement } from 'react';

const PATHS: Record<string, ReactElement> = {
  phone: <><rect x="7" y="2" width="10" height="20" rx="2" /><line x1="11" y1="18.5" x2="13" y2="18.5" /></>,
  tablet: <><rect x="4" y="3" width="16" height="18" rx="2" /><line x1="11" y1="18" x2="13" y2="18" /></>,
  watch: <><rect x="6" y="6" width="12" height="12" rx="3" /><path d="M9 6 L10 2 H14 L15 6 M9 18 L10 22 H14 L15 18" /><path d="M12 9.5 V12 L13.5 13.5" /></>,
  tv: <><rect x="2" y="4" width="20" height="13" rx="1.5" /><path d="M8 21 H16 M12 17 V21" /></>,
  car: <><path d="M3 16 V12 L5.5 7 H18.5 L21 12 V16 Z" /><circle cx="7" cy="16.5" r="1.8" /><circle cx="17" cy="16.5" r="1.8" /><line x1="3" y1="12" x2="21" y2="12" /></>,
  pc: <><rect x="3" y="4" width="18" height="12" rx="1" /><path d="M2 20 H22 L20 16 H4 Z" /></>,
};

/** A line icon for a device type (phone, tablet, watch, tv, car, pc). */
export const DeviceIcon = ({ type, size = 18 }: { type: string; size?: number }): ReactElement => (
  <svg className="device-icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6"
    strokeLinecap="round" strokeLinejoin="round" aria-label={type} role="img" data-device-type={type}>
    {PATHS[type] ?? PATHS['phone']}
  </svg>
);
