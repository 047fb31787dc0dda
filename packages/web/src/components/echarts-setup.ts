import { BarChart, LineChart, MapChart, ScatterChart, EffectScatterChart } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  TitleComponent,
  AriaComponent,
  VisualMapComponent,
  MarkLineComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the app draws, so the bundle stays small.
echarts.use([
  BarChart,
  LineChart,
  MapChart,
  ScatterChart,
  EffectScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  TitleComponent,
  AriaComponent,
  VisualMapComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;
export type EChartsInstance = echarts.ECharts;
