import { useId } from 'react';
import { colourAt } from './status-colours.js';

export interface BarSegment {
  key: string;
  label: string;
  value: number;
}
export interface BarRow {
  key: string;
  label: string;
  segments: readonly BarSegment[];
}

/**
 * Horizontal stacked bars in HTML (they reflow on a phone), one row per category, with a legend that names
 * every colour and a text alternative per row that says every figure (the bars themselves are decoration).
 */
export function StackedBars({ title, rows, palette, format, testId }: { title: string; rows: readonly BarRow[]; palette: readonly string[]; format: (n: number) => string; testId?: string }) {
  const id = useId();
  const keys = [...new Map(rows.flatMap((r) => r.segments.map((s) => [s.key, s.label] as const))).entries()];
  const colour = new Map(keys.map(([k], i) => [k, colourAt(palette, i)]));
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((a, s) => a + s.value, 0)));
  return (
    <figure className="bars" aria-labelledby={id} data-testid={testId}>
      <figcaption id={id}>{title}</figcaption>
      <ul className="bars-legend">
        {keys.map(([k, label]) => (
          <li key={k}>
            <span className="swatch" style={{ background: colour.get(k) }} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      <ul className="bars-rows">
        {rows.map((r) => {
          const total = r.segments.reduce((a, s) => a + s.value, 0);
          // With many categories (attack types) the zeros would drown the figures that matter.
          const said = r.segments.length > 4 ? r.segments.filter((s) => s.value > 0) : r.segments;
          const text = said.map((s) => `${s.label}: ${format(s.value)}`).join(', ');
          return (
            <li key={r.key}>
              <span className="bars-label">{r.label}</span>
              <span className="bars-track" aria-hidden="true" style={{ width: `${(total / max) * 100}%` }}>
                {r.segments.map((s) =>
                  s.value <= 0 ? null : <span key={s.key} className="bars-segment" title={`${s.label}: ${format(s.value)}`} style={{ flexGrow: s.value, background: colour.get(s.key) }} />,
                )}
              </span>
              <span className="bars-figures">{text}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
