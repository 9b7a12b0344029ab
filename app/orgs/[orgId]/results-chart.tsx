import { formatForReport, parseSignedAmount } from '@/lib/domains/money/money';

/**
 * Monthly revenue, expenses and net income as an inline SVG (no chart library, no CDN).
 * Bar heights are pixels computed with integer arithmetic on minor units.
 */
export function ResultsChart(props: { results: { period: string; revenue: string; expenses: string; netIncome: string }[] }) {
  const height = 160;
  const width = 1100;
  const values = props.results.map((month) => ({
    period: month.period,
    revenue: parseSignedAmount(month.revenue),
    expenses: parseSignedAmount(month.expenses),
    net: parseSignedAmount(month.netIncome),
  }));
  const max = values.reduce((m, v) => [v.revenue, v.expenses, v.net < 0n ? -v.net : v.net].reduce((a, b) => (b > a ? b : a), m), 1n);
  const px = (minor: bigint) => Number(((minor < 0n ? -minor : minor) * BigInt(height / 2 - 10)) / max);
  const slot = width / Math.max(values.length, 1);
  const base = height / 2 + 10;
  if (values.length === 0) return <p className="muted">No reports yet for this fiscal year.</p>;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height + 30}`}
        role="img"
        aria-label="Revenue, expenses and net income by month"
        style={{ width: '100%', height: 'auto' }}
      >
        <line x1="0" x2={width} y1={base} y2={base} stroke="#b9c0c8" />
        {values.map((v, index) => {
          const x = index * slot + slot * 0.15;
          const bar = (slot * 0.7) / 3;
          const netHeight = px(v.net);
          return (
            <g key={v.period}>
              <title>{`${v.period}: revenue ${formatForReport(v.revenue)}, expenses ${formatForReport(v.expenses)}, net income ${formatForReport(v.net)}`}</title>
              <rect x={x} y={base - px(v.revenue)} width={bar} height={px(v.revenue)} fill="#1f5fbf" />
              <rect x={x + bar} y={base - px(v.expenses)} width={bar} height={px(v.expenses)} fill="#c97a12" />
              <rect
                x={x + 2 * bar}
                y={v.net >= 0n ? base - netHeight : base}
                width={bar}
                height={netHeight}
                fill={v.net >= 0n ? '#1e7a3c' : '#b3261e'}
              />
              <text x={x + bar * 1.5} y={height + 25} textAnchor="middle">
                {v.period}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        <span style={{ color: '#1f5fbf' }}>■</span> revenue <span style={{ color: '#c97a12' }}>■</span> expenses{' '}
        <span style={{ color: '#1e7a3c' }}>■</span> net income (red when a loss) — from the income statement documents
      </figcaption>
    </figure>
  );
}
