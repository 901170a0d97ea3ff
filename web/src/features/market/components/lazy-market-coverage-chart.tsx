import { Paper, Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { MarketCoverageReport } from '../../../../../contracts/companies';

const Chart = lazy(() => import('./market-coverage-chart'));

/** The coverage chart, loading @mantine/charts (recharts) only when shown. */
export function LazyMarketCoverageChart({ report }: { report: MarketCoverageReport }) {
  return (
    <Suspense
      fallback={
        <Paper withBorder radius="md" p="md">
          <Skeleton h={360} />
        </Paper>
      }
    >
      <Chart report={report} />
    </Suspense>
  );
}
