import { buildApp } from './app';
import { registerDomains } from './modules';
import { createContext } from './platform/bootstrap';
import { ConfigError, loadConfig } from './platform/config';
import { seedIfEmpty } from './seed';

/** `npm start`: migrate, seed a demo company into an empty database, serve app + API. */
async function main() {
  const config = loadConfig();
  const ctx = await createContext(config, { backgroundCheckpoints: true });
  registerDomains(ctx);
  const seeded = await seedIfEmpty(ctx);
  const app = await buildApp(ctx);
  await ctx.dispatcher.start();

  const shutdown = async (signal: string) => {
    ctx.log.info({ signal }, 'shutting down');
    await app.close();
    await ctx.dispatcher.stop();
    await ctx.dbHandle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  Kontor is running at ${url}  (API docs: ${url}/api/docs)`,
    `  Database: ${config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL'}`,
  ];
  if (seeded) {
    lines.push('', '  A demo company was created. Log in with:');
    for (const u of seeded.logins)
      lines.push(`    ${u.role.padEnd(11)} ${u.email.padEnd(28)} password: ${u.password}`);
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
