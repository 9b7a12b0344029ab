'use client';

import { useId, useState, type ReactNode } from 'react';

/**
 * Navigation that folds behind a menu button on narrow screens (the CSS shows the button
 * and hides the links under 720px unless opened); on wider screens the button is hidden
 * and the links are always there.
 */
export function CollapsibleNav(props: { label: string; className?: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button type="button" className="secondary menu-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {props.label}
      </button>
      <div id={id} className={`collapsible${open ? ' open' : ''}${props.className ? ` ${props.className}` : ''}`}>
        {props.children}
      </div>
    </>
  );
}
