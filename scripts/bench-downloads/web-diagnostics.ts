// What the web process itself saw during a phase, from its /metrics (two scrapes): the
// download hot path's cache hits and misses by cache, renders, garbage collection (time and
// count by kind) and how far its event loop fell behind at worst. A latency tail measured from
// outside is then either the server's (renders, GC pauses, a blocked loop) or not.

type Samples = Map<string, number>;

async function scrape(url: string): Promise<Samples> {
  const samples: Samples = new Map();
  for (const line of (await (await fetch(url)).text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

export interface WebDiagnostics {
  /** Lookups by cache and result during the phase, e.g. {"bytes hit": 301234, "bytes miss": 2}. */
  cacheLookups: Record<string, number>;
  renders: number;
  /** Garbage collection during the phase by kind (major, minor, incremental…): count and total ms. */
  gc: Record<string, { count: number; ms: number }>;
  /** The event loop's worst delay during the phase (ms), as prom-client's monitor saw it. */
  eventLoopLagMaxMs: number | null;
}

/** Scrape now (this also resets prom-client's event-loop maximum); call the result at the end of the phase. */
export async function webDiagnostics(metricsUrl: string): Promise<() => Promise<WebDiagnostics>> {
  const before = await scrape(metricsUrl);
  return async () => {
    const after = await scrape(metricsUrl);
    const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    const cacheLookups: Record<string, number> = {};
    const gc: WebDiagnostics['gc'] = {};
    let renders = 0;
    for (const key of after.keys()) {
      const cache = /^closebook_download_cache_lookups_total\{cache="([^"]+)",result="([^"]+)"\}$/.exec(key);
      if (cache) cacheLookups[`${cache[1]} ${cache[2]}`] = delta(key);
      const gcSum = /^closebook_nodejs_gc_duration_seconds_(sum|count)\{kind="([^"]+)"\}$/.exec(key);
      if (gcSum?.[2]) {
        const entry = (gc[gcSum[2]] ??= { count: 0, ms: 0 });
        if (gcSum[1] === 'sum') entry.ms = Math.round(delta(key) * 10_000) / 10;
        else entry.count = delta(key);
      }
      if (key.startsWith('closebook_render_duration_seconds_count')) renders += delta(key);
    }
    const lag = after.get('closebook_nodejs_eventloop_lag_max_seconds');
    return { cacheLookups, renders, gc, eventLoopLagMaxMs: lag === undefined ? null : Math.round(lag * 10_000) / 10 };
  };
}
