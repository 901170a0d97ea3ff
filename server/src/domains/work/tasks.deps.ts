import type { AppContext } from '../../platform/context';

/** What the tasks services need from the platform (the AppContext satisfies it). */
export type WorkDeps = Pick<AppContext, 'db' | 'clock' | 'config'>;
