import { createWarsztat } from './app';
import { loadConfig } from './config';
import { installProcessNet } from './process-net';

/** Entry point of `npm start`: configuration from the environment, graceful stop on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const warsztat = createWarsztat(config);
  let port: number;
  try {
    port = await warsztat.listen();
  } catch (error) {
    console.error(`Warsztat could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  installProcessNet(warsztat.log);
  warsztat.log.info({ port, host: config.HOST, dataDir: config.DATA_DIR }, 'Warsztat is listening');
  console.log(`Warsztat: http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`);
  const stop = (signal: string) => {
    warsztat.log.info({ signal }, 'shutting down');
    void warsztat.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

void main();
