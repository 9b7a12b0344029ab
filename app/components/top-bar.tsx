import Link from 'next/link';
import { signOutAction } from '@/app/login/actions';
import { CollapsibleNav } from './collapsible-nav';
import { OrganizationSwitcher } from './organization-switcher';

export function TopBar(props: { userName: string; organizations: { id: string; name: string }[]; currentOrganizationId?: string }) {
  return (
    <header className="top">
      <Link className="brand" href="/orgs">
        Closebook
      </Link>
      <CollapsibleNav label="Menu" className="top-links">
        <Link href="/close">Month-end</Link>
        <Link href="/runs">Report runs</Link>
        {props.organizations.length > 0 && (
          <OrganizationSwitcher organizations={props.organizations} current={props.currentOrganizationId} />
        )}
        <Link className="muted" href="/account" title="Your account">
          {props.userName}
        </Link>
        <form action={signOutAction}>
          <button type="submit" className="secondary">
            Sign out
          </button>
        </form>
      </CollapsibleNav>
    </header>
  );
}
