/**
 * Turns the sections' results into the Markdown table docs/performance.md shows and an SVG chart
 * of the target ratios. Only ratios are judged: the absolute rates are printed for orientation, and
 * they move with the machine's load from one run to the next.
 */

export interface Row {
  name: string;
  /** Median rate over the rounds; for unit "ms", the median time (lower is better). */
  rate: number;
  unit: "ops/s" | "req/s" | "ms";
  p50?: number;
  p99?: number;
  /** The row this one is divided by, and the median per-round ratio. */
  reference?: string;
  ratio?: number;
  /** Failed operations summed over the rounds; a row with failures is flagged, not trusted. */
  failures?: number;
}

export interface Target {
  label: string;
  ratio: number;
  /** Met when ratio ≥ target (or ≤ target when `atMost`). */
  target: number;
  atMost?: boolean;
  /** Printed when the target is missed: why. */
  whyMissed?: string;
}

export interface Section {
  id: string;
  title: string;
  rows: Row[];
  targets: Target[];
  notes: string[];
  /** Set when the section could not run here (missing server, flag); rows are then empty. */
  skipped?: string;
}

export interface Report {
  startedAt: Date;
  seconds: number;
  command: string;
  machine: string[];
  settings: string[];
  sections: Section[];
}

const fmtRate = (n: number) => (Number.isFinite(n) ? (n >= 100 ? Math.round(n).toLocaleString("en") : n.toPrecision(3)) : "–");
const fmtRatio = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? "" : `${n >= 10 ? n.toFixed(1) : n.toFixed(2)}×`);
const fmtMs = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? "" : n < 10 ? n.toFixed(2) : n.toFixed(0));

export function isMet(t: Target): boolean {
  return t.atMost ? t.ratio <= t.target : t.ratio >= t.target;
}

/** "met" or "missed by 7%": how far the measured ratio is from the target, relative to it. */
export function verdict(t: Target): string {
  if (!Number.isFinite(t.ratio)) return "not measured";
  if (isMet(t)) return "met";
  const gap = t.atMost ? t.ratio / t.target - 1 : 1 - t.ratio / t.target;
  const percent = Math.round(gap * 1000) / 10;
  return `missed by ${percent >= 10 ? Math.round(percent) : percent}%`;
}

export function allTargets(report: Report): Target[] {
  return report.sections.flatMap((s) => s.targets);
}

export function toMarkdown(report: Report): string {
  const out: string[] = [];
  out.push(`# Gatehouse benchmarks`, "");
  out.push(`Run ${report.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC in ${Math.round(report.seconds)} s: \`${report.command}\`.`, "");
  out.push("**Machine:** " + report.machine.join(" · "), "");
  out.push("**Settings:** " + report.settings.join(" · "), "");
  out.push(
    "Rates are medians of interleaved rounds; a ratio is the median of the per-round ratios to the reference measured in the same round. Only ratios are comparable between machines.",
    "",
  );
  out.push("## Targets", "", "| ratio (same run) | measured | target | |", "|---|---:|---:|---|");
  for (const t of allTargets(report)) {
    out.push(`| ${t.label} | ${fmtRatio(t.ratio)} | ${t.atMost ? "≤" : "≥"} ${t.target}× | ${verdict(t)} |`);
  }
  const missed = allTargets(report).filter((t) => Number.isFinite(t.ratio) && !isMet(t) && t.whyMissed);
  if (missed.length) {
    out.push("", "Why the missed ones are missed:", "");
    for (const t of missed) out.push(`- **${t.label}** (${verdict(t)}): ${t.whyMissed}`);
  }
  for (const section of report.sections) {
    out.push("", `## ${section.title}`, "");
    if (section.skipped) {
      out.push(`Not run: ${section.skipped}`);
      continue;
    }
    const latency = section.rows.some((r) => r.p50 !== undefined);
    const timed = section.rows.length > 0 && section.rows.every((r) => r.unit === "ms");
    out.push(`| case | ${timed ? "time" : "rate"} | ratio | to |${latency ? " p50 ms | p99 ms |" : ""}`);
    out.push(`|---|---:|---:|---|${latency ? "---:|---:|" : ""}`);
    for (const r of section.rows) {
      const flag = r.failures ? ` ⚠ ${r.failures} failed` : "";
      const cells = [`${r.name}${flag}`, `${r.unit === "ms" ? fmtMs(r.rate) : fmtRate(r.rate)} ${r.unit}`, fmtRatio(r.ratio), r.reference ?? ""];
      if (latency) cells.push(fmtMs(r.p50), fmtMs(r.p99));
      out.push(`| ${cells.join(" | ")} |`);
    }
    if (section.notes.length) out.push("", ...section.notes.map((n) => `- ${n}`));
  }
  return out.join("\n") + "\n";
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A horizontal bar per target: the measured ratio on a log scale (ratios here span 0.5× to
 * 100×), a tick at the target, green when met and red when missed.
 */
export function toSvg(report: Report): string {
  const targets = allTargets(report).filter((t) => Number.isFinite(t.ratio) && t.ratio > 0);
  const rowH = 26;
  const labelW = 430;
  const barW = 420;
  const top = 46;
  const height = top + targets.length * rowH + 34;
  const width = labelW + barW + 90;
  const lo = 0.1;
  const hi = Math.max(10, ...targets.map((t) => Math.min(1000, t.ratio * 1.2)));
  const x = (r: number) => labelW + (Math.log10(Math.max(lo, Math.min(hi, r)) / lo) / Math.log10(hi / lo)) * barW;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  parts.push(
    `<text x="10" y="20" font-size="15" font-weight="600">Gatehouse benchmark targets: measured ratio (bar) vs target (tick), same run</text>`,
  );
  parts.push(
    `<text x="10" y="36" fill="#555">${escapeXml(report.startedAt.toISOString().slice(0, 10))} · ${escapeXml(report.machine.slice(0, 2).join(" · "))} · log scale</text>`,
  );
  for (const tick of [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter((v) => v <= hi)) {
    const tx = x(tick).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${height - 28}" stroke="${tick === 1 ? "#999" : "#e5e5e5"}"/>`);
    parts.push(`<text x="${tx}" y="${height - 14}" text-anchor="middle" fill="#555">${tick}×</text>`);
  }
  targets.forEach((t, i) => {
    const y = top + i * rowH;
    const met = isMet(t);
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${escapeXml(t.label)}</text>`);
    parts.push(
      `<rect x="${x(lo)}" y="${y + 4}" width="${(x(t.ratio) - x(lo)).toFixed(1)}" height="${rowH - 10}" fill="${met ? "#2e8b57" : "#c0392b"}"/>`,
    );
    const tx = x(t.target).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${y + 1}" x2="${tx}" y2="${y + rowH - 3}" stroke="#111" stroke-width="2"/>`);
    // The value goes right of the bar or of the tick, whichever ends later, so they never overlap.
    parts.push(`<text x="${(Math.max(x(t.ratio), x(t.target)) + 6).toFixed(1)}" y="${y + 15}">${escapeXml(fmtRatio(t.ratio))}</text>`);
  });
  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}
