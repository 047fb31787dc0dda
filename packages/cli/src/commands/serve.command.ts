import { readConfig, startServer } from '@innocluster/server';
import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the web app and API (loads the demo into an empty database)')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .option('--no-demo', 'do not load the demo into an empty database')
    .action(async (opts: { port?: string; host?: string; demo: boolean }) => {
      const config = readConfig({
        ...process.env,
        ...(opts.port ? { PORT: opts.port } : {}),
        ...(opts.host ? { HOST: opts.host } : {}),
      });
      if (!opts.demo) config.demoOnEmpty = false;
      const server = await startServer(config);
      const stop = async () => {
        await server.stop();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
