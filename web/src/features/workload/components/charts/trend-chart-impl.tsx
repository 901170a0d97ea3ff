import '@mantine/charts/styles.css';
import { LineChart, type LineChartSeries } from '@mantine/charts';

/** Open and overdue tasks per week; loaded lazily with @mantine/charts and recharts. Gaps stay gaps. */
export default function TrendChartImpl({
  data,
  series,
  height,
}: {
  data: Record<string, string | number | null>[];
  series: LineChartSeries[];
  height: number;
}) {
  return (
    <LineChart
      h={height}
      data={data}
      dataKey="week"
      series={series}
      curveType="linear"
      connectNulls={false}
      withLegend
      legendProps={{ itemSorter: null }}
      tickLine="y"
      gridAxis="y"
      yAxisProps={{ allowDecimals: false, width: 40 }}
    />
  );
}
