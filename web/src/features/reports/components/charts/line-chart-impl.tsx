import '@mantine/charts/styles.css';
import { LineChart, type LineChartSeries } from '@mantine/charts';

/** A small line chart (DSO trend by month); loaded lazily with @mantine/charts and recharts. */
export default function LineChartImpl({
  data,
  dataKey,
  series,
  height,
  valueFormatter,
  withLegend = false,
}: {
  data: Record<string, string | number | null>[];
  dataKey: string;
  series: LineChartSeries[];
  height: number;
  valueFormatter: (value: number) => string;
  withLegend?: boolean;
}) {
  return (
    <LineChart
      h={height}
      data={data}
      dataKey={dataKey}
      series={series}
      curveType="linear"
      connectNulls={false}
      withLegend={withLegend}
      valueFormatter={valueFormatter}
      tickLine="y"
      gridAxis="y"
      yAxisProps={{ width: 40, tickFormatter: (v: number) => String(Math.round(v)) }}
    />
  );
}
