import type { AppContext } from '../../platform/context';
import type { App } from '../../platform/http/types';

/** Placeholder until this part of the billing domain lands (replaced by its engineer). */
export function invoicesRoutes(_app: App, _ctx: AppContext): void {}
