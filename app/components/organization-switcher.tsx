'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { switchOrganizationHref } from '@/lib/adapters/web/organization-switch';

/**
 * The organization switcher: a button that opens a searchable list of links. Each link goes
 * to the same section and period of that organization (/orgs/A/reports?period=2026-10 →
 * /orgs/B/reports?period=2026-10). Keyboard: type to filter, Enter opens the first match,
 * ↓/↑ move through the list, Escape closes and returns to the button.
 */
export function OrganizationSwitcher(props: { organizations: { id: string; name: string }[]; current?: string | undefined }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const current = props.organizations.find((organization) => organization.id === props.current);
  const needle = query.trim().toLocaleLowerCase();
  const matches = props.organizations.filter((organization) => organization.name.toLocaleLowerCase().includes(needle));
  const href = (id: string) => switchOrganizationHref(pathname, searchParams.toString(), id);

  useEffect(() => {
    if (open) search.current?.focus();
  }, [open]);
  // A click outside closes the list.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!panel.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    setQuery('');
    button.current?.focus();
  };
  const links = () => [...(panel.current?.querySelectorAll<HTMLAnchorElement>('a') ?? [])];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const all = links();
    const index = all.findIndex((link) => link === document.activeElement);
    const next = event.key === 'ArrowDown' ? index + 1 : index - 1;
    if (next < 0) search.current?.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  };

  return (
    <div className="switcher">
      <button
        ref={button}
        type="button"
        className="secondary"
        aria-expanded={open}
        aria-controls="organization-switcher-panel"
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span className="muted">Organization:</span> {current?.name ?? 'Choose…'} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id="organization-switcher-panel" ref={panel} className="switcher-panel" onKeyDown={onKeyDown}>
          <label htmlFor="organization-search">Find an organization</label>
          <input
            ref={search}
            id="organization-search"
            type="search"
            autoComplete="off"
            value={query}
            aria-describedby="organization-search-count"
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              const first = matches[0];
              if (event.key === 'Enter' && first) {
                event.preventDefault();
                setOpen(false);
                router.push(href(first.id));
              }
            }}
          />
          <p id="organization-search-count" className="muted small" aria-live="polite">
            {matches.length === 1 ? '1 organization' : `${matches.length} organizations`}
          </p>
          <ul aria-label="Organizations">
            {matches.map((organization) => (
              <li key={organization.id}>
                <Link
                  href={href(organization.id)}
                  aria-current={organization.id === props.current ? 'true' : undefined}
                  onClick={() => setOpen(false)}
                >
                  {organization.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
