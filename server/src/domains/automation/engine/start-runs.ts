import type { DomainEvent } from '../../../../../contracts/events';
import type { AppContext } from '../../../platform/context';
import type { HandlerContext } from '../../../platform/events/registry';

/**
 * Starts the runs of the enabled rules the events trigger (placeholder: the engine helper fills it).
 */
export async function startRuns(
  _ctx: AppContext,
  _h: HandlerContext,
  _events: DomainEvent[],
): Promise<void> {}
