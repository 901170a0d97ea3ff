import { Skeleton } from '@mantine/core';
import { type ComponentProps, lazy, Suspense } from 'react';

const TrendChartImpl = lazy(() => import('./trend-chart-impl'));

/** The trend chart; @mantine/charts loads only when it is first shown. */
export function LazyTrendChart(props: ComponentProps<typeof TrendChartImpl>) {
  return (
    <Suspense fallback={<Skeleton h={props.height} radius="md" />}>
      <TrendChartImpl {...props} />
    </Suspense>
  );
}
