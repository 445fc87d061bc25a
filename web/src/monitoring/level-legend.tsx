import { LEVEL_COLOURS, NO_DATA_COLOUR } from './status-colours.js';

/** A choropleth's legend: one swatch per level (good to bad), then the areas without data. */
export function LevelLegend({ title, labels, noData }: { title: string; labels: readonly string[]; noData: string }) {
  return (
    <figure className="legend">
      <figcaption>{title}</figcaption>
      <ul>
        {labels.map((b, i) => (
          <li key={b}>
            <span className="swatch" style={{ background: LEVEL_COLOURS[i] }} aria-hidden="true" />
            {b}
          </li>
        ))}
        <li>
          <span className="swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
          {noData}
        </li>
      </ul>
    </figure>
  );
}
