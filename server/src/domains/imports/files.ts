import { join } from 'node:path';

/** Where uploaded files live: `<data dir>/imports/` (shared by all processes of an installation). */
export function importsDir(dataDir: string): string {
  return join(dataDir, 'imports');
}

/** The uploaded file of an import. */
export function storedFilePath(dataDir: string, importId: string): string {
  return join(importsDir(dataDir), `${importId}.csv`);
}

/** The rows to write, as the first pass of a run found them (removed when the run ends). */
export function planPath(dataDir: string, importId: string): string {
  return join(importsDir(dataDir), `${importId}.plan.ndjson`);
}
