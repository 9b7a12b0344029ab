import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/web/session';

export const dynamic = 'force-dynamic';

export default async function Home() {
  redirect((await currentUser()) ? '/orgs' : '/login');
}
