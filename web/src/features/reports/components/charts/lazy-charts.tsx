import { Skeleton } from '@mantine/core';
import { type ComponentProps, lazy, Suspense } from 'react';

const FunnelChartImpl = lazy(() => import('./funnel-chart-impl'));
const BarChartImpl = lazy(() => import('./bar-chart-impl'));
const LineChartImpl = lazy(() => import('./line-chart-impl'));

/** The funnel chart; @mantine/charts loads only when a chart is first shown. */
export function LazyFunnelChart(props: ComponentProps<typeof FunnelChartImpl>) {
  return (
    <Suspense fallback={<Skeleton h={260} w={260} radius="md" />}>
      <FunnelChartImpl {...props} />
    </Suspense>
  );
}

export function LazyBarChart(props: ComponentProps<typeof BarChartImpl>) {
  return (
    <Suspense fallback={<Skeleton h={props.height} radius="md" />}>
      <BarChartImpl {...props} />
    </Suspense>
  );
}

/** A line chart (the DSO trend). */
export function LazyLineChart(props: ComponentProps<typeof LineChartImpl>) {
  return (
    <Suspense fallback={<Skeleton h={props.height} radius="md" />}>
      <LineChartImpl {...props} />
    </Suspense>
  );
}
