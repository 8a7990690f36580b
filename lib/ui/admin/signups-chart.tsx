/**
 * Sign-ups per day as a small inline SVG bar chart: no chart library, no client JavaScript.
 * Colours come from the theme's CSS variables. The numbers are also in each bar's <title>
 * (a tooltip) and in a summary for screen readers.
 */
export interface SignupsChartProps {
  /** Oldest first, one entry per UTC day (getSignUpsPerDay). */
  days: { day: string; count: number }[];
  /** @default 600 */
  width?: number;
  /** @default 120 */
  height?: number;
}

export function SignupsChart({ days, width = 600, height = 120 }: SignupsChartProps) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const axis = 16;
  const slot = width / Math.max(1, days.length);
  const barWidth = Math.max(1, slot - 2);
  const plot = height - axis;
  const summary = `Sign-ups per day, ${days[0]?.day ?? ""} to ${days.at(-1)?.day ?? ""}: ${total} in total, at most ${max} in a day.`;
  return (
    <figure className="gh-chart" data-testid="signups-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={summary}>
        <line x1={0} y1={plot + 0.5} x2={width} y2={plot + 0.5} stroke="var(--gh-border)" />
        {days.map((d, i) => {
          const h = d.count === 0 ? 0 : Math.max(2, (d.count / max) * (plot - 4));
          return (
            <rect key={d.day} x={i * slot + 1} y={plot - h} width={barWidth} height={h} fill="var(--gh-primary)" rx={1} data-count={d.count}>
              <title>{`${d.day}: ${d.count}`}</title>
            </rect>
          );
        })}
        <text x={0} y={height - 3} fontSize={11} fill="var(--gh-muted)">
          {days[0]?.day}
        </text>
        <text x={width} y={height - 3} fontSize={11} fill="var(--gh-muted)" textAnchor="end">
          {days.at(-1)?.day}
        </text>
      </svg>
      <figcaption className="gh-muted">
        {total} sign-ups in the last {days.length} days (most in a day: {max === 1 && total === 0 ? 0 : max})
      </figcaption>
    </figure>
  );
}
