import { BarChart as Bars, type BarSeriesOption } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts used: horizontal bars on a grid, legend, tooltip, aria description; SVG (no canvas, sharp when zoomed).
use([Bars, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);
type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface BarSeries {
  name: string;
  values: readonly number[];
  color: string;
  /** Series with the same stack name are drawn end to end. */
  stack?: string;
}

/**
 * Horizontal bars, one row per category. The figures are for geometry; the page
 * prints the exact amounts in a table beside the chart (which screen readers use),
 * and `format` labels the tooltip and axis in the reader's language.
 */
export function BarChart({ label, categories, series, format, testId }: { label: string; categories: readonly string[]; series: readonly BarSeries[]; format: (n: number) => string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const chart = init(el, undefined, { renderer: 'svg' });
    const option: Option = {
      aria: { enabled: true, label: { description: label } },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => format(Number(v)) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => format(v), hideOverlap: true } },
      yAxis: { type: 'category', data: [...categories], inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: [...s.values], itemStyle: { color: s.color }, ...(s.stack === undefined ? {} : { stack: s.stack }), barMaxWidth: 18 })),
    };
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [label, categories, series, format]);
  return <div ref={ref} className="bar-chart" role="img" aria-label={label} data-testid={testId} style={{ height: `${Math.max(160, 48 + categories.length * 34)}px` }} />;
}
