import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** Which pages the user may open from the report (by permission). */
export interface StockReportLinks {
  products: boolean;
  purchaseOrders: boolean;
  companies: boolean;
}

/** A link when the user may open the page, else the plain text. */
export function MaybeLink({ to, show, children }: { to: string; show: boolean; children: ReactNode }) {
  return show ? (
    <Anchor component={Link} to={to} size="sm">
      {children}
    </Anchor>
  ) : (
    children
  );
}
