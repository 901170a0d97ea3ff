import type { AppContext } from '../../platform/context';
import type { App } from '../../platform/http/types';

/** Placeholder until this part of the work domain lands (replaced by its helper). */
export function notificationsRoutes(_app: App, _ctx: AppContext): void {}
