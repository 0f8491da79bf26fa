import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startApp, type RunningApp } from '../../server/app/bootstrap';
import { loadConfig, type Config } from '../../server/config';
import { DEMO_PASSWORD } from '../../server/seed/seed';
import { createTestDatabase } from './databases';

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; fields?: string[]; [k: string]: unknown } }[];
}

export interface TestApp {
  app: RunningApp;
  url: string;
  dbUrl: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
  /** Like gql, but fails the test on any GraphQL error. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<T>;
  login(username: string, password?: string): Promise<string>;
  ws(token?: string | null, extraParams?: Record<string, unknown>): WsClient;
  stop(): Promise<void>;
}

export async function startTestApp(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const loaded = loadConfig({ APP_MODE: 'test', ...env });
  // Each app its own attachment directory, gone with it (never the repository's .data).
  const attachmentsDir = env.ATTACHMENTS_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-attachments-'));
  const config: Config = {
    ...loaded,
    attachments: { ...loaded.attachments, ...(attachmentsDir ? { dir: attachmentsDir } : {}) },
    databaseUrl: database.url,
    port: 0,
    host: '127.0.0.1',
    seedDemo: false,
    ...overrides,
  };
  const app = await startApp(config);
  const tokens = new Map<string, string>();
  const clients: WsClient[] = [];
  const gql = async (query: string, variables?: Record<string, unknown>, token?: string | null) => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult;
  };
  const t: TestApp = {
    app,
    url: app.url,
    dbUrl: database.url,
    gql,
    async ok(query, variables, token) {
      const r = await gql(query, variables, token);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data;
    },
    async login(username, password = DEMO_PASSWORD) {
      const cached = tokens.get(username);
      if (cached && password === DEMO_PASSWORD) return cached;
      const r = await gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: password });
      if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
      tokens.set(username, r.data.login.token);
      return r.data.login.token;
    },
    ws(token, extraParams = {}) {
      const client = createClient({
        url: `${app.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extraParams },
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.dispose()));
      await app.stop();
      await database.drop();
      if (attachmentsDir) fs.rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
  return t;
}

export function codeOf(r: GqlResult): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}
