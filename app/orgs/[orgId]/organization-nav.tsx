'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { CollapsibleNav } from '@/app/components/collapsible-nav';

export function OrganizationNav(props: { organizationId: string; name: string; role: string; currency: string }) {
  const pathname = usePathname();
  const base = `/orgs/${props.organizationId}`;
  const links = [
    { href: base, label: 'Dashboard' },
    ...(props.role === 'viewer'
      ? []
      : [
          { href: `${base}/entries/new`, label: 'New entry' },
          { href: `${base}/import`, label: 'Import' },
        ]),
    { href: `${base}/entries`, label: 'Entries' },
    { href: `${base}/accounts`, label: 'Accounts' },
    { href: `${base}/periods`, label: 'Periods' },
    { href: `${base}/reports`, label: 'Reports' },
    { href: `${base}/members`, label: 'Members' },
    { href: `${base}/settings`, label: 'Settings' },
  ];
  const current = (href: string): boolean => {
    if (href === base) return pathname === base;
    if (href === `${base}/entries`) return pathname.startsWith(href) && pathname !== `${base}/entries/new`;
    return pathname.startsWith(href);
  };
  return (
    <nav className="org-nav" aria-label="Organization sections">
      <strong>{props.name}</strong>
      <span className="muted">
        {props.currency} · {props.role}
      </span>
      <CollapsibleNav label="Sections" className="org-links">
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} aria-current={current(link.href) ? 'page' : undefined}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </CollapsibleNav>
    </nav>
  );
}
