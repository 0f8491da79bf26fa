/**
 * The PostGraphile 5 peer: amber preset over the same database, run by the harness as a
 * child process on the Node 22 installed in bench/.peer (PostGraphile 5 needs Node ≥ 22).
 * Its packages are loaded from bench/.peer, never from the project's node_modules.
 *
 *   PGL_DATABASE_URL, PGL_PORT, PGL_PEER_DIR, PGL_POOL_SIZE (default 10, like our server)
 *
 * Prints `READY <port>` on stdout once the schema is built and the port is listening.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

async function main() {
  const peerDir = process.env.PGL_PEER_DIR ?? path.resolve(__dirname, '..', '..', 'bench', '.peer');
  const req = createRequire(path.join(peerDir, 'package.json'));
  const { postgraphile } = req('postgraphile');
  const { PostGraphileAmberPreset } = req('postgraphile/presets/amber');
  const { makePgService } = req('postgraphile/adaptors/pg');
  const { grafserv } = req('postgraphile/grafserv/node');

  const port = Number(process.env.PGL_PORT ?? 5678);
  const preset = {
    extends: [PostGraphileAmberPreset],
    pgServices: [
      makePgService({
        connectionString: process.env.PGL_DATABASE_URL,
        schemas: ['public', 'bench_pgl'],
        poolConfig: { max: Number(process.env.PGL_POOL_SIZE ?? 10), application_name: 'postgraphile' },
      }),
    ],
    grafserv: { port, host: '127.0.0.1', graphqlPath: '/graphql', graphiql: false, watch: false, websockets: false },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  await pgl.getSchemaResult();
  const serv = pgl.createServ(grafserv);
  const server = http.createServer();
  await serv.addTo(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  process.stdout.write(`READY ${port}\n`);
  const stop = async () => {
    server.close();
    await pgl.release().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
