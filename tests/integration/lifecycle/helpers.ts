import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Context } from '../../../server/core/context';
import type { Config } from '../../../server/config';
import { createLoaders } from '../../../server/app/loaders';
import { makeViewer, type Viewer } from '../../../server/auth/viewer';
import type { Role } from '../../../server/auth/roles';
import { Complaint, ComplaintEvent } from '../../../server/modules/complaints/complaint.entity';
import type { ComplaintInput } from '../../../server/modules/complaints/complaint.inputs';
import type { ComplaintService, SubmitResult } from '../../../server/modules/complaints/complaint.service';
import { codeOf, startTestApp, type GqlResult, type TestApp } from '../../support/test-app';

export { codeOf };

/** The complaint fields most tests look at. */
export const C = `id trackingCode status version progressStage channel type title intakeOpdId currentOpdId assigneeId categoryId programId
  verifyDueAt responseDueAt dueAt overdue answer rating closedAt respondedAt firstResponseAt autoCloseAt duplicateOfId rejectReason lastEventId
  availableActions createdAt`;

export const IDENTITY = 'identityVisible reporterName reporterNik reporterPhone reporterEmail reporterAddress';

export const EVENT = 'id type fromStatus toStatus fromOpdId toOpdId stage message public actorId actorKind createdAt';

/** Argument types of the staff mutations, so a call only declares the variables it passes. */
const MUTATIONS: Record<string, Record<string, string>> = {
  verifyComplaint: { id: 'ID!', note: 'String', publicMessage: 'String', version: 'Int' },
  rejectComplaint: { id: 'ID!', reason: 'String!', duplicateOf: 'ID', version: 'Int' },
  forwardComplaint: { id: 'ID!', opdId: 'ID!', note: 'String', publicMessage: 'String', version: 'Int' },
  returnComplaint: { id: 'ID!', reason: 'String!', version: 'Int' },
  acceptComplaint: { id: 'ID!', version: 'Int' },
  assignComplaint: { id: 'ID!', userId: 'ID!', version: 'Int' },
  addProgress: { id: 'ID!', stage: 'ProgressStage!', note: 'String!', public: 'Boolean', version: 'Int' },
  addInternalNote: { id: 'ID!', note: 'String!', version: 'Int' },
  respondToComplaint: { id: 'ID!', answer: 'String', version: 'Int' },
  closeComplaint: { id: 'ID!', note: 'String', publicMessage: 'String', version: 'Int' },
  remindComplaint: { id: 'ID!', note: 'String', version: 'Int' },
  publishProgress: { id: 'ID!', eventId: 'ID!', message: 'String', version: 'Int' },
  draftAnswer: { id: 'ID!', answer: 'String!', version: 'Int' },
  askReporter: { id: 'ID!', question: 'String!', version: 'Int' },
  holdComplaint: { id: 'ID!', reason: 'String!', version: 'Int' },
  resumeComplaint: { id: 'ID!', note: 'String', version: 'Int' },
  archiveComplaint: { id: 'ID!', reason: 'String!', publicMessage: 'String', version: 'Int' },
  mergeComplaint: { id: 'ID!', intoId: 'ID!', reason: 'String', version: 'Int' },
  revealReporterContact: { id: 'ID!', reason: 'String!', version: 'Int' },
};
export type MutationName = keyof typeof MUTATIONS;

let seq = 0;
export function unique(prefix = 'k'): string {
  seq += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check` is true (or throws with `what` after `ms`). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(15);
  }
}

/** Asserts a refusal: its code and, when given, the offending field paths. */
export function expectError(r: GqlResult, code: string, fields?: string[]): void {
  expect({ code: codeOf(r), fields: fields ? r.errors?.[0]?.extensions?.fields : undefined }).toEqual({ code, fields });
  const value = r.data ? Object.values(r.data)[0] : null;
  expect(value ?? null).toBeNull();
}

/** A basic staff/public complaint input; override what a test cares about. */
export function complaintInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Bantuan PKH belum cair',
    description: 'Sudah tiga bulan bantuan PKH keluarga kami belum diterima padahal terdaftar.',
    reporterName: 'Siti Aminah',
    reporterPhone: '081234567890',
    ...over,
  };
}

/** A test app plus lookups of the seeded organisation, users and reference data. */
export class Lab {
  opd: Record<string, string> = {};
  opdName: Record<string, string> = {};
  user: Record<string, { id: string; name: string }> = {};
  category: Record<string, string> = {};
  program: Record<string, string> = {};
  private viewers = new Map<string, Viewer>();

  private constructor(readonly t: TestApp) {}

  static async start(overrides: Partial<Config> = {}): Promise<Lab> {
    const lab = new Lab(await startTestApp({ sweepIntervalMs: 0, ...overrides }));
    try {
      await lab.init();
    } catch (err) {
      // Never leave a server running when setup fails: jest would not exit.
      await lab.stop();
      throw err;
    }
    return lab;
  }

  stop(): Promise<void> {
    return this.t.stop();
  }

  get services() {
    return this.t.app.services;
  }

  /** The same lookups over an app someone else started (and stops). */
  static async on(t: TestApp): Promise<Lab> {
    const lab = new Lab(t);
    await lab.init();
    return lab;
  }

  private async init() {
    const su = await this.token('superadmin');
    const d = await this.t.ok(
      `{ opds(perPage: 1000) { items { id code name } }
         categories(perPage: 100) { items { id code } }
         programs(perPage: 100) { items { id code } } }`,
      {},
      su,
    );
    for (const o of d.opds.items) {
      this.opd[o.code] = o.id;
      this.opdName[o.code] = o.name;
    }
    for (const c of d.categories.items) this.category[c.code] = c.id;
    for (const p of d.programs.items) this.program[p.code] = p.id;
    const users: { id: number; username: string; name: string }[] = await this.t.app.db.query('SELECT id, username, name FROM app_user');
    for (const u of users) this.user[u.username] = { id: String(u.id), name: u.name };
  }

  private tokens = new Map<string, string>();

  /**
   * A bearer token for a seeded user, signed by the app's own token issuer with exactly the
   * claims `login` puts in (argon2 logins cost seconds on a busy machine; login has its own tests).
   */
  async token(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const [user]: { id: number; tokenGeneration: number }[] = await this.t.app.db.query('SELECT id, "tokenGeneration" FROM app_user WHERE username = $1', [
      username,
    ]);
    const { token } = this.services.tokens.sign(user);
    this.tokens.set(username, token);
    return token;
  }

  async gql(username: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult> {
    return this.t.gql(query, variables, username ? await this.token(username) : null);
  }

  async ok(username: string | null, query: string, variables: Record<string, unknown> = {}): Promise<any> {
    return this.t.ok(query, variables, username ? await this.token(username) : null);
  }

  /** Records a complaint as a staff member (or submits as the public with `null`). */
  async submitRaw(username: string | null, input: Record<string, unknown> = {}, idempotencyKey?: string, fields = C): Promise<GqlResult> {
    return this.gql(
      username,
      `mutation($input: ComplaintInput!, $key: String) {
         submitComplaint(input: $input, idempotencyKey: $key) { trackingCode accessCode replayed complaint { ${fields} } } }`,
      { input: complaintInput(input), key: idempotencyKey ?? null },
    );
  }

  async submit(username: string | null, input: Record<string, unknown> = {}, idempotencyKey?: string): Promise<any> {
    const r = await this.submitRaw(username, input, idempotencyKey);
    if (r.errors?.length) throw new Error(`submitComplaint failed: ${JSON.stringify(r.errors)}`);
    return r.data.submitComplaint;
  }

  /** Any staff mutation returning the complaint; errors are returned, not thrown. */
  async act(username: string, mutation: MutationName, vars: Record<string, unknown>, fields = C): Promise<GqlResult> {
    const types = MUTATIONS[mutation];
    const names = Object.keys(vars).filter((k) => vars[k] !== undefined);
    for (const n of names) if (!types[n]) throw new Error(`${mutation} has no argument ${n}`);
    const sig = names.map((n) => `$${n}: ${types[n]}`).join(', ');
    const args = names.map((n) => `${n}: $${n}`).join(', ');
    return this.gql(username, `mutation(${sig}) { ${mutation}(${args}) { ${fields} } }`, vars);
  }

  /** Like `act`, failing the test on any error; returns the changed complaint. */
  async must(username: string, mutation: MutationName, vars: Record<string, unknown>, fields = C): Promise<any> {
    const r = await this.act(username, mutation, vars, fields);
    if (r.errors?.length) throw new Error(`${mutation} by ${username} failed: ${JSON.stringify(r.errors)}`);
    return r.data[mutation];
  }

  async complaint(username: string, id: string, fields = C): Promise<any> {
    const d = await this.ok(username, `query($id: ID!) { complaint(id: $id) { ${fields} } }`, { id });
    return d.complaint;
  }

  /** The whole timeline, as a reader with full scope sees it. */
  async events(id: string, fields = EVENT): Promise<any[]> {
    const c = await this.complaint('walikota', id, `events { ${fields} }`);
    return c.events;
  }

  async list(
    username: string,
    filter: Record<string, unknown> = {},
    args: Record<string, unknown> = {},
    fields = 'id',
  ): Promise<{ items: any[]; total: number }> {
    const d = await this.ok(
      username,
      `query($filter: ComplaintFilter, $page: Int! = 1, $perPage: Int! = 25, $sortField: String, $sortOrder: SortOrder) {
         complaints(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { total items { ${fields} } } }`,
      { filter, ...args },
    );
    return d.complaints;
  }

  // ---------- ready-made complaints ----------

  /** Submitted by admin.tengah (or `by`) and verified. */
  async verified(input: Record<string, unknown> = {}, by = 'admin.tengah'): Promise<any> {
    const { complaint } = await this.submit(by, input);
    return this.must(by === 'petugas.rw' ? 'admin.tengah' : by, 'verifyComplaint', { id: complaint.id });
  }

  /** Verified by admin.tengah and forwarded to `opdCode`. */
  async forwarded(opdCode = 'DINSOS', input: Record<string, unknown> = {}, by = 'admin.tengah'): Promise<any> {
    const c = await this.verified(input, by);
    return this.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: this.opd[opdCode] });
  }

  /** Forwarded to DINSOS and answered by kepala.dinsos. */
  async responded(input: Record<string, unknown> = {}): Promise<any> {
    const c = await this.forwarded('DINSOS', input);
    return this.must('kepala.dinsos', 'respondToComplaint', { id: c.id, answer: 'Bantuan sudah dicairkan melalui rekening KKS.' });
  }

  /** Subscribes over graphql-ws to this server and waits until the feed has registered it. */
  async subscribe(username: string | null, variables: Record<string, unknown> = {}): Promise<Collector> {
    await this.settleFeed();
    const { feed } = this.services;
    const before = feed.subscriberCount;
    const col = collect(this.t.ws(username ? await this.token(username) : null), variables);
    await waitFor(() => feed.subscriberCount > before || col.errors.length > 0 || col.completed, 'the subscription to start');
    return col;
  }

  /**
   * Waits until the feed has handled every event committed so far, so a subscription started
   * next receives only later changes (the feed delivers asynchronously, after commit).
   */
  async settleFeed(): Promise<void> {
    await this.services.feed.caughtUp();
  }

  // ---------- the domain layer, without GraphQL ----------

  async viewer(username: string): Promise<Viewer> {
    const cached = this.viewers.get(username);
    if (cached) return cached;
    const [u] = await this.t.app.db.query(
      `SELECT u.id, u.username, u.role, u."opdId", u."servicePostId", o.path FROM app_user u JOIN opd o ON o.id = u."opdId" WHERE u.username = $1`,
      [username],
    );
    if (!u) throw new Error(`no user ${username}`);
    const v = makeViewer({ userId: u.id, username: u.username, role: u.role as Role, opdId: u.opdId, opdPath: u.path, servicePostId: u.servicePostId });
    this.viewers.set(username, v);
    return v;
  }

  /** A request context as the HTTP layer builds it, for calling services directly. */
  async ctx(username: string | null): Promise<Context> {
    const services = this.t.app.services;
    return {
      viewer: username ? await this.viewer(username) : null,
      db: this.t.app.db,
      loaders: createLoaders(this.t.app.db),
      requestId: unique('req'),
      source: 'test',
      log: services.log,
      services,
    };
  }

  /** Submits through the service (optionally on another clock); returns the stored complaint. */
  async submitDirect(username: string | null, input: Record<string, unknown> = {}, svc: ComplaintService = this.services.complaints): Promise<Complaint> {
    return (await this.submitDirectResult(username, input, svc)).complaint;
  }

  /** Like submitDirect, with the tracking and access codes the reporter is given. */
  async submitDirectResult(
    username: string | null,
    input: Record<string, unknown> = {},
    svc: ComplaintService = this.services.complaints,
  ): Promise<SubmitResult> {
    const full = { type: 'COMPLAINT', anonymous: false, confidential: false, ...complaintInput(input) } as unknown as ComplaintInput;
    return svc.submit(await this.ctx(username), full, null);
  }

  /** The stored row and its events (oldest first), straight from the database. */
  async stored(id: string | number): Promise<{ row: Complaint; events: ComplaintEvent[] }> {
    const db = this.t.app.db;
    const row = await db.getRepository(Complaint).findOneByOrFail({ id: Number(id) });
    const events = await db.getRepository(ComplaintEvent).find({ where: { complaintId: Number(id) }, order: { id: 'ASC' } });
    return { row, events };
  }
}

// ---------- subscriptions ----------

export const CHANGED = `subscription($filter: ComplaintChangedFilter, $after: ID, $cursor: String) {
  complaintChanged(filter: $filter, afterEventId: $after, after: $cursor) {
    cursor
    event { id type complaintId fromStatus toStatus fromOpdId toOpdId public }
    complaint { id status version currentOpdId ${IDENTITY} }
  } }`;

export interface Collector {
  changes: any[];
  errors: unknown[];
  completed: boolean;
  /** Event types received so far, for this complaint when given. */
  types(complaintId?: string): string[];
  waitFor(check: (c: Collector) => boolean, what: string, ms?: number): Promise<void>;
  stop(): void;
}

/** Subscribes and collects every payload and error. */
export function collect(client: WsClient, variables: Record<string, unknown> = {}, query = CHANGED): Collector {
  const col: Collector = {
    changes: [],
    errors: [],
    completed: false,
    types: (complaintId) => col.changes.filter((c) => !complaintId || c.complaint.id === complaintId).map((c) => c.event.type),
    waitFor: (check, what, ms = 5000) => waitFor(() => check(col), what, ms),
    stop: () => unsubscribe(),
  };
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (r) => {
        if (r.errors?.length) col.errors.push(r.errors);
        else col.changes.push((r.data as any).complaintChanged);
      },
      error: (e) => void col.errors.push(e),
      complete: () => void (col.completed = true),
    },
  );
  return col;
}

export const CURSOR_CHANGED = `subscription($after: String) { complaintChanged(after: $after) { cursor event { id complaintId } } }`;

export interface Received {
  name: string;
  events: number[];
  cursors: string[];
  resumedWith: (string | null)[];
  closeCodes: number[];
}

/** Subscribes the way the console does: one payload object whose `after` follows the last cursor, re-sent on every reconnect. */
export function resumingSubscriber(
  clients: WsClient[],
  name: string,
  url: () => string,
  token: string,
  after: string,
): { got: Received; dispose(): void; variables: { after: string | null } } {
  const got: Received = { name, events: [], cursors: [], resumedWith: [], closeCodes: [] };
  const payload = { query: CURSOR_CHANGED, variables: { after: after as string | null } };
  const client = createClient({
    url: () => `${url().replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    retryAttempts: 1000,
    retryWait: () => sleep(150),
    shouldRetry: () => true,
    on: {
      connected: () => got.resumedWith.push(payload.variables.after),
      closed: (event) => got.closeCodes.push((event as { code: number }).code),
    },
  });
  clients.push(client);
  client.subscribe<{ complaintChanged: { cursor: string; event: { id: string } } }>(payload, {
    next: ({ data, errors }) => {
      if (errors?.length) throw new Error(`${name}: ${JSON.stringify(errors)}`);
      const change = data!.complaintChanged;
      got.events.push(Number(change.event.id));
      got.cursors.push(change.cursor);
      payload.variables.after = change.cursor;
    },
    error: (err) => got.resumedWith.push(`error: ${JSON.stringify(err)}`),
    complete: () => got.resumedWith.push('completed'),
  });
  return {
    got,
    variables: payload.variables,
    dispose: () => void client.dispose(),
  };
}
