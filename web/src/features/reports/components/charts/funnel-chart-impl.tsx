import '@mantine/charts/styles.css';
import { FunnelChart, type FunnelChartCell } from '@mantine/charts';

/** The funnel as a chart; loaded lazily with @mantine/charts and recharts (a chunk of their own). */
export default function FunnelChartImpl({
  data,
  valueFormatter,
}: {
  data: FunnelChartCell[];
  valueFormatter: (value: number) => string;
}) {
  return (
    <FunnelChart
      data={data}
      size={260}
      withTooltip
      withLabels
      labelsPosition="inside"
      tooltipDataSource="segment"
      valueFormatter={valueFormatter}
    />
  );
}
