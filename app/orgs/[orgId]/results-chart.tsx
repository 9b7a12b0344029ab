import { formatForReport, parseSignedAmount, type Minor, type NumberFormat } from '@/lib/domains/money/money';
import { monthName } from '@/lib/domains/accounting/periods';
import { chartScale } from '@/lib/domains/reports/dashboard';

export interface MonthResult {
  period: string;
  revenue: string;
  expenses: string;
  netIncome: string;
}

const WIDTH = 1100;
const HEIGHT = 320;
const LEFT = 96; // room for the axis values
const TOP = 64; // room for the value written above the tallest bar
const BOTTOM = 34; // room for the month labels
const COLORS = { revenue: '#1f5fbf', expenses: '#a8620a', profit: '#1e7a3c', loss: '#b3261e' };

/**
 * Monthly revenue, expenses and net income as an inline SVG (no chart library, no CDN):
 * a value axis, every bar's amount written above it, and the months below. Positions are
 * computed with integer arithmetic on minor units; only the final pixel is a number.
 */
export function ResultsChart(props: { results: MonthResult[]; numberFormat: NumberFormat }) {
  const format = (minor: Minor) => formatForReport(minor, { numberFormat: props.numberFormat });
  const months = props.results.map((month) => ({
    period: month.period,
    revenue: parseSignedAmount(month.revenue),
    expenses: parseSignedAmount(month.expenses),
    net: parseSignedAmount(month.netIncome),
  }));
  const { low, high, step } = chartScale(months.flatMap((m) => [m.revenue, m.expenses, m.net]));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (minor: Minor) => TOP + Number(((high - minor) * BigInt(plotHeight)) / (high - low));
  const ticks: Minor[] = [];
  for (let tick = low; tick <= high; tick += step) ticks.push(tick);
  const slot = (WIDTH - LEFT) / Math.max(months.length, 1);
  const bar = Math.min((slot * 0.78) / 3, 46);
  return (
    // On a narrow screen the chart keeps a readable size and scrolls sideways in its own box (focusable, for the keyboard).
    <div className="chart-scroll" role="region" aria-label="Chart (scrolls sideways on a narrow screen)" tabIndex={0}>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Revenue, expenses and net income by month">
        {ticks.map((tick) => (
          <g key={tick.toString()}>
            <line x1={LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} stroke={tick === 0n ? '#5b6572' : '#dde2e8'} />
            <text x={LEFT - 8} y={y(tick) + 4} textAnchor="end">
              {format(tick)}
            </text>
          </g>
        ))}
        {months.map((month, index) => {
          const x = LEFT + index * slot + (slot - 3 * bar) / 2;
          const bars = [
            { key: 'revenue', value: month.revenue, color: COLORS.revenue },
            { key: 'expenses', value: month.expenses, color: COLORS.expenses },
            { key: 'net', value: month.net, color: month.net < 0n ? COLORS.loss : COLORS.profit },
          ];
          return (
            <g key={month.period}>
              {bars.map((b, i) => {
                const top = b.value >= 0n ? y(b.value) : y(0n);
                const bottom = b.value >= 0n ? y(0n) : y(b.value);
                const cx = x + i * bar + bar / 2;
                // Written vertically so twelve months of full amounts fit; a loss's value sits below its bar.
                const labelY = b.value >= 0n ? top - 4 : bottom + 4;
                return (
                  <g key={b.key}>
                    <rect
                      x={x + i * bar + 1}
                      y={top}
                      width={bar - 2}
                      height={Math.max(bottom - top, b.value === 0n ? 0 : 1)}
                      fill={b.color}
                    />
                    <text
                      className="bar-value"
                      x={cx}
                      y={labelY}
                      transform={`rotate(-90 ${cx} ${labelY})`}
                      textAnchor={b.value >= 0n ? 'start' : 'end'}
                      dominantBaseline="middle"
                    >
                      {format(b.value)}
                    </text>
                  </g>
                );
              })}
              <text x={x + 1.5 * bar} y={HEIGHT - 10} textAnchor="middle">
                {monthName(month.period).slice(0, 3)} {month.period.slice(0, 4)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

export function ResultsTable(props: { results: MonthResult[]; numberFormat: NumberFormat }) {
  const format = (amount: string) => formatForReport(parseSignedAmount(amount), { numberFormat: props.numberFormat });
  return (
    <div className="table-scroll">
      <table aria-label="Revenue, expenses and net income by month">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="num">
              Revenue
            </th>
            <th scope="col" className="num">
              Expenses
            </th>
            <th scope="col" className="num">
              Net income
            </th>
          </tr>
        </thead>
        <tbody>
          {props.results.map((month) => (
            <tr key={month.period}>
              <th scope="row">{monthName(month.period)}</th>
              <td className="num">{format(month.revenue)}</td>
              <td className="num">{format(month.expenses)}</td>
              <td className="num">{format(month.netIncome)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ChartLegend() {
  return (
    <p className="muted chart-legend">
      <span style={{ color: COLORS.revenue }}>■</span> revenue <span style={{ color: COLORS.expenses }}>■</span> expenses{' '}
      <span style={{ color: COLORS.profit }}>■</span> net income (<span style={{ color: COLORS.loss }}>■</span> a loss) — from the stored
      income statements
    </p>
  );
}
