import { en, type Messages } from "../../i18n/en";
import { format } from "../../i18n/index";

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
  /** The UI's strings (lib/i18n). @default English */
  messages?: Messages;
  /** The language days and numbers are written in, e.g. "de". @default the server's */
  locale?: string;
}

export function SignupsChart({ days, width = 600, height = 120, messages: t = en, locale }: SignupsChartProps) {
  // The days are UTC dates ("2025-01-31"): written in UTC so that no time zone moves them.
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const dayLabel = (day: string | undefined) => (day ? dayFormat.format(new Date(`${day}T00:00:00Z`)) : "");
  const number = (n: number) => n.toLocaleString(locale);
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const axis = 16;
  const slot = width / Math.max(1, days.length);
  const barWidth = Math.max(1, slot - 2);
  const plot = height - axis;
  const busiest = max === 1 && total === 0 ? 0 : max;
  const summary = format(t.adminChartSummary, {
    from: dayLabel(days[0]?.day),
    to: dayLabel(days.at(-1)?.day),
    total: number(total),
    max: number(busiest),
  });
  return (
    <figure className="gh-chart" data-testid="signups-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={summary}>
        <line x1={0} y1={plot + 0.5} x2={width} y2={plot + 0.5} stroke="var(--gh-border)" />
        {days.map((d, i) => {
          const h = d.count === 0 ? 0 : Math.max(2, (d.count / max) * (plot - 4));
          return (
            <rect key={d.day} x={i * slot + 1} y={plot - h} width={barWidth} height={h} fill="var(--gh-primary)" rx={1} data-count={d.count}>
              <title>{`${dayLabel(d.day)}: ${number(d.count)}`}</title>
            </rect>
          );
        })}
        <text x={0} y={height - 3} fontSize={11} fill="var(--gh-muted)">
          {dayLabel(days[0]?.day)}
        </text>
        <text x={width} y={height - 3} fontSize={11} fill="var(--gh-muted)" textAnchor="end">
          {dayLabel(days.at(-1)?.day)}
        </text>
      </svg>
      <figcaption className="gh-muted">
        {format(t.adminChartCaption, { total: number(total), days: number(days.length), max: number(busiest) })}
      </figcaption>
    </figure>
  );
}
