'use client';

import { useEffect, useId, useRef, useState } from 'react';

export interface ExportChoice {
  href: string;
  label: string;
  /** The accessible name: what is downloaded, not only its format ("Download Trial balance 2026-10 as PDF, A4"). */
  description: string;
}

/**
 * One "Export" button per report instead of four links: a disclosure (WAI-ARIA APG
 * "disclosure navigation" pattern) — a button with aria-expanded that shows a list of
 * download links. Plain links stay links (Tab, Enter, right-click "save as" work);
 * Escape closes and returns focus to the button, as does clicking elsewhere.
 */
export function ExportMenu(props: { label: string; choices: ExportChoice[] }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  return (
    <div
      className="export-menu"
      ref={container}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="secondary"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={props.label}
        onClick={() => setOpen((value) => !value)}
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      <ul id={listId} hidden={!open}>
        {props.choices.map((choice) => (
          <li key={choice.href}>
            <a href={choice.href} download aria-label={choice.description} onClick={() => setOpen(false)}>
              {choice.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
