'use client';

import { useRouter } from 'next/navigation';

export function OrganizationSwitcher(props: { organizations: { id: string; name: string }[]; current?: string | undefined }) {
  const router = useRouter();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <label htmlFor="organization-switcher" style={{ margin: 0 }}>
        Organization
      </label>
      <select
        id="organization-switcher"
        value={props.current ?? ''}
        onChange={(event) => router.push(`/orgs/${event.target.value}`)}
        style={{ width: 260 }}
      >
        {!props.current && <option value="">Choose…</option>}
        {props.organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
    </div>
  );
}
