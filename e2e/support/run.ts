import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../../scripts/build-web';
import { E2E_DIALECTS, type E2eDialect } from './dialects';
import { buildWebForE2e, WEB_BUILT_ENV } from './server';

/**
 * `npm run test:e2e [-- vitest args, e.g. a file]`: the browser tests on each dialect of the run
 * (SQLite; PostgreSQL too when TEST_DATABASE_URL is set; `E2E_DIALECT` picks one) in a vitest process
 * of its own, both at the same time — each with its own shared server, so the dialects never see
 * each other's data. The web app is built once, before. `E2E_SERIAL=1` runs the dialects one after
 * the other. The output of each process comes line by line, prefixed with its dialect.
 */

const require = createRequire(join(REPO_ROOT, 'package.json'));
const VITEST = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');

function runVitest(dialect: E2eDialect, prefixed: boolean): Promise<number> {
  const child: ChildProcess = spawn(
    process.execPath,
    [VITEST, 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, E2E_DIALECT: dialect, [WEB_BUILT_ENV]: '1' },
      stdio: prefixed ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    },
  );
  if (prefixed) {
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      let rest = '';
      stream?.on('data', (d: Buffer) => {
        const lines = (rest + d.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) out.write(`[${dialect}] ${line}\n`);
      });
      stream?.on('end', () => {
        if (rest) out.write(`[${dialect}] ${rest}\n`);
      });
    }
  }
  return new Promise((resolve) => {
    child.on('error', (err) => {
      console.error(`[${dialect}] could not start vitest: ${err.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  if (E2E_DIALECTS.length === 0)
    throw new Error(`No dialect to test (E2E_DIALECT=${process.env.E2E_DIALECT})`);
  await buildWebForE2e();
  const started = Date.now();
  const serial = process.env.E2E_SERIAL === '1' || E2E_DIALECTS.length === 1;
  const codes: Record<string, number> = {};
  if (serial) {
    for (const dialect of E2E_DIALECTS) codes[dialect] = await runVitest(dialect, false);
  } else {
    const results = await Promise.all(E2E_DIALECTS.map((dialect) => runVitest(dialect, true)));
    E2E_DIALECTS.forEach((dialect, i) => {
      codes[dialect] = results[i]!;
    });
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const summary = E2E_DIALECTS.map((d) => `${d} ${codes[d] === 0 ? 'passed' : `FAILED (exit ${codes[d]})`}`);
  console.log(`\nBrowser tests: ${summary.join(', ')} in ${seconds} s`);
  process.exit(Object.values(codes).some((c) => c !== 0) ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
