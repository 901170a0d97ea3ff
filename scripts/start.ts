import { buildWebIfStale, WebBuildError } from './build-web';

/**
 * `npm start`: build what is missing (the web app, on first start or after its sources changed),
 * then run the server in this process. The server runs its TypeScript through tsx: no server build.
 */
try {
  const result = await buildWebIfStale({ log: (line) => console.log(line) });
  if (result === 'absent') console.warn('No web app found (web/vite.config.ts); serving the API only.');
} catch (err) {
  if (err instanceof WebBuildError) {
    console.error(`Could not build the web app: ${err.message}`);
    if (err.output.trim()) console.error(`\n${err.output.trim()}\n`);
    console.error(
      'Fix the error above (or run "npm run build:web" to see the whole output), then start again.',
    );
  } else {
    console.error('Could not build the web app:', err);
  }
  process.exit(1);
}

await import('../server/src/main');
