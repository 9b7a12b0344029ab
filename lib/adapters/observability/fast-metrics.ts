// Counters and histograms for the request hot paths, exposed through the same prom-client
// registry as every other metric. Why not prom-client's own: its bound children still hash
// a label object on every call (`labels(...).observe(v)` → `observe(labels, v)`), and the
// CPU profile of a warm download at 200 clients showed prom-client at 5 % of the web
// process's main thread — as much as everything the hot path decides. Here a child is a
// plain object with numbers in it: `inc()` is an addition, `observe()` a bucket scan.
//
// The registry only needs `name` and `get()` (prom-client's Registry.registerMetric and
// metrics()); `get()` returns the same shape prom-client's own Counter and Histogram
// return, so the text exposition is identical.
import type { Registry } from 'prom-client';

interface Sample {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

interface MetricData {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  values: Sample[];
  aggregator: 'sum';
}

interface Options<N extends string> {
  name: string;
  help: string;
  labelNames: readonly N[];
  registers: Registry[];
}

type LabelValues<N extends string> = { [K in N]: string };

abstract class FastMetric<N extends string, Child> {
  readonly name: string;
  readonly help: string;
  readonly aggregator = 'sum' as const;
  private readonly children = new Map<string, { labels: LabelValues<N>; child: Child }>();

  protected constructor(private readonly options: Options<N>) {
    this.name = options.name;
    this.help = options.help;
    for (const registry of options.registers) registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  protected abstract newChild(): Child;

  /** The series for these label values, in labelNames order (bind it once, use it often). */
  labels(...values: string[]): Child {
    const key = values.join('\u0000');
    let entry = this.children.get(key);
    if (!entry) {
      const labels = {} as LabelValues<N>;
      this.options.labelNames.forEach((name, index) => (labels[name] = values[index] ?? ''));
      entry = { labels, child: this.newChild() };
      this.children.set(key, entry);
    }
    return entry.child;
  }

  protected series(): IterableIterator<{ labels: LabelValues<N>; child: Child }> {
    return this.children.values();
  }

  reset(): void {
    this.children.clear();
  }
}

export interface CounterChild {
  inc(by?: number): void;
}

class CounterSeries implements CounterChild {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
}

export class FastCounter<N extends string> extends FastMetric<N, CounterSeries> {
  readonly type = 'counter' as const;

  constructor(options: Options<N>) {
    super(options);
  }

  protected newChild(): CounterSeries {
    return new CounterSeries();
  }

  get(): Promise<MetricData> {
    const values = [...this.series()].map(({ labels, child }) => ({ labels, value: child.value }));
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }
}

export interface HistogramChild {
  observe(value: number): void;
}

class HistogramSeries implements HistogramChild {
  /** Per bucket (not cumulative); the last one is +Inf. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    const bounds = this.bounds;
    let index = 0;
    while (index < bounds.length && value > (bounds[index] as number)) index += 1;
    this.counts[index] = (this.counts[index] as number) + 1;
    this.sum += value;
    this.count += 1;
  }
}

export class FastHistogram<N extends string> extends FastMetric<N, HistogramSeries> {
  readonly type = 'histogram' as const;
  private readonly buckets: readonly number[];

  constructor(options: Options<N> & { buckets: readonly number[] }) {
    super(options);
    this.buckets = [...options.buckets].sort((a, b) => a - b);
  }

  protected newChild(): HistogramSeries {
    return new HistogramSeries(this.buckets);
  }

  get(): Promise<MetricData> {
    const values: Sample[] = [];
    for (const { labels, child } of this.series()) {
      let cumulative = 0;
      this.buckets.forEach((bound, index) => {
        cumulative += child.counts[index] as number;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: bound }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: child.count });
      values.push({ metricName: `${this.name}_sum`, labels, value: child.sum });
      values.push({ metricName: `${this.name}_count`, labels, value: child.count });
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }
}
