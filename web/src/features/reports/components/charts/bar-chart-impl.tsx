import '@mantine/charts/styles.css';
import { BarChart, type BarChartSeries } from '@mantine/charts';

/** A bar chart (forecast by month); loaded lazily with @mantine/charts and recharts. */
export default function BarChartImpl({
  data,
  dataKey,
  series,
  valueFormatter,
  axisFormatter,
  height,
  withLegend = true,
  compact,
  type,
}: {
  data: Record<string, string | number>[];
  dataKey: string;
  series: BarChartSeries[];
  valueFormatter: (value: number) => string;
  /** Short numbers on the value axis (`1,2 Mio. €`); the tooltip keeps `valueFormatter`. */
  axisFormatter?: (value: number) => string;
  height: number;
  withLegend?: boolean;
  compact?: boolean;
  /** `stacked`: the series of a row on top of each other (one coloured bar per row when each row has one). */
  type?: 'default' | 'stacked';
}) {
  return (
    <BarChart
      h={height}
      data={data}
      dataKey={dataKey}
      series={series}
      type={type}
      valueFormatter={valueFormatter}
      withLegend={withLegend}
      // the legend in the order of the bars (recharts sorts it by key otherwise)
      legendProps={{ itemSorter: null }}
      tickLine="y"
      gridAxis="y"
      withYAxis={!compact}
      // small charts (dashboard) name every month: a smaller font instead of skipped labels
      xAxisProps={
        compact
          ? { interval: 0, tick: { transform: 'translate(0, 10)', fontSize: 11, fill: 'currentColor' } }
          : undefined
      }
      yAxisProps={{ width: 80, ...(axisFormatter ? { tickFormatter: axisFormatter } : {}) }}
    />
  );
}
