/**
 * What the purchasing domain offers the automation engine: its record types and actions
 * (registered at module load; see automation/registry.ts). Filled in by issue 7.
 */
export {};
