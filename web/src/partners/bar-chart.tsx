/** One bar: its name, its value for the scale, and the value as the reader should read it. */
export interface Bar {
  key: string;
  name: string;
  value: number;
  display: string;
  tone: string;
}

const ROW = 34;
const WIDTH = 320;

/**
 * Horizontal bars as SVG that scales to its container (phone width included).
 * The whole chart is one image with a spoken summary; the values are also
 * written beside each bar, so nothing is only in the lengths.
 */
export function BarChart({ label, bars, max }: { label: string; bars: readonly Bar[]; max?: number }) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.value));
  return (
    <svg className="bar-chart" viewBox={`0 0 ${WIDTH} ${bars.length * ROW}`} role="img" aria-label={label} preserveAspectRatio="xMinYMin meet">
      {bars.map((b, i) => {
        const width = top <= 0 ? 0 : Math.max(b.value > 0 ? 2 : 0, Math.min(1, b.value / top) * WIDTH);
        return (
          <g key={b.key} transform={`translate(0 ${i * ROW})`}>
            <text x={0} y={12} className="bar-name">
              {b.name}
            </text>
            <text x={WIDTH} y={12} textAnchor="end" className="bar-value">
              {b.display}
            </text>
            <rect x={0} y={16} width={WIDTH} height={12} rx={3} className="bar-track" />
            <rect x={0} y={16} width={width} height={12} rx={3} className={`bar bar-${b.tone}`} />
          </g>
        );
      })}
    </svg>
  );
}
