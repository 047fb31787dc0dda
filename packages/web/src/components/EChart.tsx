import { useEffect, useRef } from 'react';
import { echarts, type EChartsInstance, type EChartsOption } from './echarts-setup.ts';

export interface ChartClick {
  seriesType?: string;
  componentType?: string;
  data?: unknown;
  name?: string;
}

/**
 * An ECharts canvas that follows its container's size. `onClick` receives ECharts' click
 * event; the option is replaced (not merged) when it changes.
 */
export function EChart({
  option,
  testId,
  height = 420,
  onClick,
  ariaLabel,
  dataAttributes,
}: {
  option: EChartsOption;
  testId?: string;
  height?: number;
  onClick?: (event: ChartClick) => void;
  ariaLabel?: string;
  dataAttributes?: Record<string, string | number>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsInstance | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (event) => clickRef.current?.(event as ChartClick));
    chart.on('finished', () => element.setAttribute('data-rendered', 'true'));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(dataAttributes ?? {}))
    data[`data-${key}`] = String(value);

  return (
    <div
      ref={ref}
      className="chart"
      style={{ height }}
      data-testid={testId}
      role="img"
      aria-label={ariaLabel}
      {...data}
    />
  );
}
