'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * While any report of the period is still being rebuilt, asks the server every 1.5 s and
 * refreshes the page as soon as they have all caught up: "updating…" turns into "up to
 * date" without a reload.
 */
export function FreshnessWatcher(props: { organizationId: string; period: string; allUpToDate: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (props.allUpToDate) return;
    let stopped = false;
    const timer = setInterval(() => {
      void (async () => {
        const response = await fetch(`/orgs/${props.organizationId}/reports/status?period=${props.period}`, { cache: 'no-store' });
        if (!response.ok || stopped) return;
        const { reports } = (await response.json()) as { reports: { upToDate: boolean }[] };
        if (reports.every((report) => report.upToDate)) {
          stopped = true;
          clearInterval(timer);
          router.refresh();
        }
      })();
    }, 1500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [props.allUpToDate, props.organizationId, props.period, router]);
  return (
    <p className="muted" aria-live="polite">
      {props.allUpToDate ? 'All reports include every posting so far.' : 'Some reports are being rebuilt; this page updates by itself.'}
    </p>
  );
}
