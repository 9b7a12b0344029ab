import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { TopBar } from '@/app/components/top-bar';
import { getPrisma } from '@/lib/db/prisma';
import { isAppError } from '@/lib/errors';
import { getOrganization, listOrganizations } from '@/lib/ledger/queries/organizations';
import { requireUser } from '@/lib/web/session';
import { OrganizationNav } from './organization-nav';

export const dynamic = 'force-dynamic';

/** Every organization page: membership checked once here (404 for non-members), the switcher and the section navigation. */
export default async function OrganizationLayout(props: { children: ReactNode; params: Promise<{ orgId: string }> }) {
  const user = await requireUser();
  const { orgId } = await props.params;
  const prisma = getPrisma();
  const organization = await getOrganization({ prisma, actor: user, organizationId: orgId }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  });
  const organizations = await listOrganizations({ prisma, actor: user });
  return (
    <>
      <TopBar userName={user.name} organizations={organizations} currentOrganizationId={orgId} />
      <OrganizationNav organizationId={orgId} name={organization.name} role={organization.role} currency={organization.baseCurrency} />
      <main>{props.children}</main>
    </>
  );
}
