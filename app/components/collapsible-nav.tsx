'use client';

import { usePathname } from 'next/navigation';
import { useId, useState, type ReactNode } from 'react';

/**
 * Navigation that folds behind a menu button on narrow screens (the CSS shows the button
 * and hides the links under 720px unless opened); on wider screens the button is hidden
 * and the links are always there.
 */
export function CollapsibleNav(props: { label: string; className?: string; children: ReactNode }) {
  // Open on the page where it was opened: following one of its links folds it again.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="secondary menu-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        {props.label}
      </button>
      <div id={id} className={`collapsible${open ? ' open' : ''}${props.className ? ` ${props.className}` : ''}`}>
        {props.children}
      </div>
    </>
  );
}
