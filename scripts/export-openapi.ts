import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { createTestApp } from '../server/src/testing/test-app';
import { REPO_ROOT } from './build-web';

/**
 * `npm run openapi`: builds the whole API against a temporary SQLite database and writes its
 * OpenAPI document to docs/openapi.json.
 *
 *   npm run openapi                     write docs/openapi.json
 *   npm run openapi -- --out x.json     write somewhere else
 *   npm run openapi -- --check          exit 1 when docs/openapi.json is not up to date
 */
const args = process.argv.slice(2);
const check = args.includes('--check');
const outIndex = args.indexOf('--out');
const out =
  outIndex >= 0 && args[outIndex + 1]
    ? resolve(args[outIndex + 1]!)
    : join(REPO_ROOT, 'docs', 'openapi.json');

/** Formatted the way `biome check` (part of `npm test`) wants the committed file. */
function biomeFormat(json: string, path: string): string {
  const biome = join(
    dirname(createRequire(import.meta.url).resolve('@biomejs/biome/package.json')),
    'bin',
    'biome',
  );
  const r = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${path}`], {
    cwd: REPO_ROOT,
    input: json,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`biome format failed: ${r.stderr || r.error?.message}`);
  // A path biome ignores comes back empty: keep plain JSON.
  const formatted = r.stdout || json;
  return formatted.endsWith('\n') ? formatted : `${formatted}\n`;
}

const testApp = await createTestApp('sqlite');
let document: string;
try {
  document = biomeFormat(JSON.stringify(testApp.app.swagger(), null, 2), relative(REPO_ROOT, out));
} finally {
  await testApp.close();
}

const rel = relative(process.cwd(), out);
const shown = rel && !rel.startsWith('..') ? rel : out;
if (check) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== document) {
    console.error(`${shown} is not up to date with the API; run "npm run openapi" and commit it.`);
    process.exit(1);
  }
  console.log(`${shown} is up to date.`);
} else {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, document);
  const paths = Object.keys((JSON.parse(document) as { paths?: object }).paths ?? {}).length;
  console.log(`Wrote ${shown} (${paths} paths).`);
}
