import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { TopBar } from '@/app/components/top-bar';
import { isAppError } from '@/lib/errors';
import { getOrganization, listOrganizations } from '@/lib/domains/ledger/queries/organizations';
import { requireUser } from '@/lib/adapters/web/session';
import { OrganizationNav } from './organization-nav';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

/** Every organization page: membership checked once here (404 for non-members), the switcher and the section navigation. */
export default async function OrganizationLayout(props: { children: ReactNode; params: Promise<{ orgId: string }> }) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId } = await props.params;
  const prisma = ctx.prisma;
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
