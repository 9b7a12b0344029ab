// The worker's own view of the lag: closebook_commit_to_document_lag_seconds from its
// /metrics (Prometheus text format), as the difference between two scrapes, with a
// percentile read off the histogram's buckets (an upper bound: the bucket's `le`).

export interface Histogram {
  count: number;
  sum: number;
  /** Cumulative counts by upper bound (seconds), ascending; +Inf last. */
  buckets: [number, number][];
}

export async function scrapeHistogram(url: string, name: string): Promise<Histogram> {
  const text = await (await fetch(url)).text();
  const buckets = new Map<number, number>();
  let count = 0;
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}_bucket{`)) {
      const le = /le="([^"]+)"/.exec(line)?.[1] ?? '';
      const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
      buckets.set(bound, (buckets.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
    } else if (line.startsWith(`${name}_count`)) count += Number(line.slice(line.lastIndexOf(' ') + 1));
    else if (line.startsWith(`${name}_sum`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return { count, sum, buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]) };
}

export function histogramDelta(after: Histogram, before: Histogram): Histogram {
  const earlier = new Map(before.buckets);
  return {
    count: after.count - before.count,
    sum: after.sum - before.sum,
    buckets: after.buckets.map(([bound, value]) => [bound, value - (earlier.get(bound) ?? 0)]),
  };
}

/** The upper bound of the bucket holding the p-th percentile, ms (null: no samples). */
export function histogramPercentileMs(histogram: Histogram, p: number): number | null {
  if (histogram.count === 0) return null;
  const rank = (p / 100) * histogram.count;
  const bucket = histogram.buckets.find(([, cumulative]) => cumulative >= rank);
  return bucket ? bucket[0] * 1000 : null;
}
