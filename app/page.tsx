import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/adapters/web/session';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function Home() {
  redirect((await currentUser(webContext())) ? '/orgs' : '/login');
}
