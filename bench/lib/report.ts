import type { FanoutLevel } from '../scenarios/fanout';
import type { ScaleResult } from '../scenarios/scale';
import type { OutboxResult } from '../scenarios/outbox';
import type { UploadResult } from '../scenarios/uploads';
import type { ScreenResult } from '../scenarios/screens';
import type { LoadResult } from './load';
import { round } from './util';

export interface PageSizeCount {
  perPage: number;
  oursApp: number | null;
  oursPgss: number;
  pglPgss: number | null;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string; loadavg: number[] };
  versions: Record<string, string>;
  settings: Record<string, string | number>;
  postgres: { version: string; settings: Record<string, string> };
  dataset: { complaints: number; events: number; seedSeconds: number };
  scenarios: { name: string; description: string; ours?: LoadResult; postgraphile?: LoadResult; note?: string; failed?: string }[];
  pageSizes: PageSizeCount[];
  fanout: FanoutLevel[] | null;
  fanoutError?: string;
  scale: ScaleResult | null;
  scaleError?: string;
  uploads?: UploadResult | null;
  uploadsError?: string;
  outbox?: OutboxResult | null;
  outboxError?: string;
  notes: string[];
}

const GOALS = {
  list50Ratio: 1.0,
  sqlPerList: 2,
  fanoutP99Ms: 500,
  rssPerConnKiB: 30,
  scaleListP95Ms: 30,
  reportMs: 1000,
  outboxThroughputShare: 0.9,
  outboxDrainPerSecond: 500,
};

function fmt(n: number | undefined | null, digits = 1): string {
  if (n == null || !Number.isFinite(n)) return '–';
  return round(n, digits).toLocaleString('en');
}

function ratio(r: BenchReport['scenarios'][number]): number | null {
  if (!r.ours || !r.postgraphile || !r.postgraphile.throughput) return null;
  return r.ours.throughput / r.postgraphile.throughput;
}

const met = (ok: boolean | null) => (ok == null ? 'not measured' : ok ? '**met**' : '**not met**');

function goalRows(r: BenchReport): string[][] {
  const rows: string[][] = [];
  const list = r.scenarios.find((s) => s.name === 'list50');
  const listF = r.scenarios.find((s) => s.name === 'list50-filtered');
  const lr = list ? ratio(list) : null;
  const lfr = listF ? ratio(listF) : null;
  rows.push([
    '`list50` throughput ≥ 1.0× PostGraphile 5 (same run)',
    lr == null
      ? 'not measured'
      : `${fmt(lr, 2)}× (ours ${fmt(list!.ours!.throughput)} req/s, PostGraphile ${fmt(list!.postgraphile!.throughput)} req/s)` +
        (lfr != null ? `; filtered: ${fmt(lfr, 2)}× (${fmt(listF!.ours!.throughput)} vs ${fmt(listF!.postgraphile!.throughput)})` : ''),
    met(lr == null ? null : lr >= GOALS.list50Ratio && (lfr == null || lfr >= GOALS.list50Ratio)),
  ]);
  const counts = r.pageSizes.map((p) => p.oursApp ?? p.oursPgss);
  const worst = counts.length ? Math.max(...counts) : NaN;
  rows.push([
    '≤ 2 SQL statements per list request at any page size',
    counts.length ? `${r.pageSizes.map((p) => `${fmt(p.oursApp ?? p.oursPgss, 2)} at ${p.perPage}`).join(', ')} (worst ${fmt(worst, 2)})` : 'not measured',
    met(counts.length ? worst <= GOALS.sqlPerList : null),
  ]);
  const f10 = r.fanout?.find((f) => f.subscribers === 10_000) ?? r.fanout?.at(-1);
  rows.push([
    'Fan-out to 10k subscribers with concurrent writers: commit → last subscriber p99 < 0.5 s, 0 missing, 0 duplicates, in order',
    f10
      ? `p99 ${fmt(f10.lastSubscriberMs.p99, 0)} ms, p50 ${fmt(f10.lastSubscriberMs.p50, 0)} ms at ${f10.connected.toLocaleString('en')} subscribers, ${f10.writers ?? 1} writers; ${f10.missed} missed, ${f10.duplicates ?? '?'} duplicates, ${f10.outOfOrder ?? '?'} out of order`
      : (r.fanoutError ?? 'not measured'),
    met(f10 ? f10.subscribers === 10_000 && f10.lastSubscriberMs.p99 < GOALS.fanoutP99Ms && !f10.missed && !f10.duplicates && !f10.outOfOrder : null),
  ]);
  rows.push([
    'Fan-out: < 30 KB RSS per connection',
    f10
      ? `${fmt(f10.rssPerConnectionKiB)} KiB per connection at ${f10.connected.toLocaleString('en')} (server RSS ${fmt(f10.serverRssMiB)} MiB)`
      : 'not measured',
    met(f10 ? f10.rssPerConnectionKiB < GOALS.rssPerConnKiB : null),
  ]);
  const s = r.scale;
  const mix = s?.listMixP95.ours;
  rows.push([
    '1M complaints: filtered list p95 < 30 ms',
    s && mix != null
      ? `p95 ${fmt(mix)} ms over ${s.lists.filter((l) => l.server === 'ours').length} filters (worst filter p95 ${fmt(Math.max(...s.lists.filter((l) => l.server === 'ours').map((l) => l.p95)))} ms)`
      : (r.scaleError ?? 'not measured in this run (BENCH_SCALE=1)'),
    met(s && mix != null ? mix < GOALS.scaleListP95Ms : null),
  ]);
  rows.push([
    '1M complaints: quarterly report < 1 s',
    s
      ? (s.apiReport && !s.apiReport.error
          ? `product's complianceReport over the API ${fmt(s.apiReport.medianMs, 0)} ms median of ${s.apiReport.runsMs.length}; `
          : '') +
        `its per-Opd episode statement ${fmt(s.report.medianMs, 0)} ms median of ${s.report.runsMs.length} runs (${s.report.quarter})` +
        (s.experiment ? `; ${fmt(s.experiment.report.medianMs, 0)} ms with the proposed indexes` : '')
      : (r.scaleError ?? 'not measured in this run (BENCH_SCALE=1)'),
    met(s ? Math.max(s.report.medianMs, s.apiReport?.medianMs ?? 0) < GOALS.reportMs && !s.apiReport?.error : null),
  ]);
  const o = r.outbox;
  rows.push([
    'Notifications on: transitions keep ≥ 90 % of their throughput (issue #18)',
    o
      ? `${fmt(o.writeOnlyRatio * 100)} % with the outbox rows written (${fmt(o.writeOnly.throughput)} pairs/s vs ${fmt(o.without.throughput)}); ` +
        `${fmt(o.ratio * 100)} % while the same process also sends them on the same 2 cores (${fmt(o.with.throughput)} pairs/s)`
      : (r.outboxError ?? 'not measured'),
    o
      ? o.writeOnlyRatio >= GOALS.outboxThroughputShare
        ? o.ratio >= GOALS.outboxThroughputShare
          ? '**met**'
          : '**met** for writing; **not met** while sending'
        : '**not met**'
      : met(null),
  ]);
  rows.push([
    'Outbox backlog drains at ≥ 500 messages/s to a local provider (issue #18)',
    o
      ? `${fmt(o.drain.perSecond, 0)} messages/s (${o.drain.messages.toLocaleString('en')} in ${fmt(o.drain.seconds, 2)} s, ${o.drain.processes} process(es))`
      : (r.outboxError ?? 'not measured'),
    met(o ? o.drain.perSecond >= GOALS.outboxDrainPerSecond && o.drain.left === 0 : null),
  ]);
  return rows;
}

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
    .join(', ') || 'none';

/** Issue #18: the outbox's price on transitions and the backlog's drain rate. */
export function outboxMarkdown(r: BenchReport): string[] {
  const out = ['## Notifications outbox (issue #18)', ''];
  const o = r.outbox;
  if (!o) {
    out.push(r.outboxError ? `Failed: ${r.outboxError}` : 'Not run in this run (`BENCH_SCENARIOS` without outbox).', '');
    return out;
  }
  out.push(
    'The `transition` pairs (forward to Dinas Sosial, then its head answers) on fresh complaints, three ways (each run twice, in ABBA order): on a server with no channel configured ' +
      "(the console's messages are still written: they cannot be turned off), and on servers with e-mail (an SMTP server) and WhatsApp (an HTTP endpoint) on, both in a process of their own (bench/sink-server.ts), " +
      'every reporter with an e-mail address and a phone, quiet hours off: once with the dispatcher off (the outbox rows are written, nothing is sent), once with it sending while the load runs, in the same process on the same 2 cores. ' +
      `Then ${o.drain.messages.toLocaleString('en')} WhatsApp messages written straight into the outbox are drained by ${o.drain.processes} server process(es) (NOTIFY_BATCH_SIZE ${o.drain.batchSize}, NOTIFY_CONCURRENCY ${o.drain.lanes}: the defaults unless BENCH_OUTBOX_BATCH / BENCH_OUTBOX_LANES say otherwise).`,
    '',
  );
  const row = (label: string, l: OutboxResult['with'], written: Record<string, number>) => [
    label,
    fmt(l.throughput),
    `${fmt(l.latencyMs.p50)} / ${fmt(l.latencyMs.p99)}`,
    `${fmt(l.cpuMsPerUnit.server, 2)} + ${fmt(l.cpuMsPerUnit.postgres, 2)}`,
    fmt(l.sql.perRequest, 2),
    counts(written),
    String(l.gqlErrors + l.transportErrors),
  ];
  out.push(
    table(
      ['Channels', 'Pairs/s', 'p50 / p99 ms', 'CPU ms per pair: server + PostgreSQL', 'SQL per request', 'Outbox rows written', 'Errors'],
      [
        row('none (console only)', o.without, o.writtenWithout),
        row('e-mail + WhatsApp, dispatcher off (rows written only)', o.writeOnly, o.writtenWriteOnly ?? {}),
        row('e-mail + WhatsApp, dispatcher sending', o.with, o.writtenWith),
      ],
    ),
    '',
    `With channels on: **${fmt(o.writeOnlyRatio * 100)} %** of the throughput without when the rows are only written, **${fmt(o.ratio * 100)} %** while the dispatcher also sends them in the same process. Sent by the dispatcher during the measured run: ${counts(o.sentDuringRun)}.`,
    '',
    `Drain: **${fmt(o.drain.perSecond, 0)} messages/s**: ${o.drain.messages.toLocaleString('en')} sent from the first to the last send in ${fmt(o.drain.seconds, 2)} s ` +
      `(${fmt(o.drain.wallSeconds)} s from asking the process(es) to start until the outbox was empty), ${o.drain.providerRequests.toLocaleString('en')} requests at the provider, ${o.drain.left} left.`,
    '',
  );
  return out;
}

export const SCREEN_P95_GOAL_MS = 100;

/** Every console screen's query (issue #23): p50/p95, met or not, and the plans in collapsed blocks. */
export function screensMarkdown(screens: ScreenResult[]): string {
  const out: string[] = [];
  const met = screens.filter((x) => !x.errors && x.p95 < SCREEN_P95_GOAL_MS).length;
  out.push(`### Every screen's query (issue #23): ${met} of ${screens.length} with p95 < ${SCREEN_P95_GOAL_MS} ms`);
  out.push('');
  out.push(
    'Each query sent as the role that sees the screen, one request at a time (5 warm-up, then the measured ones), to our server on the 1M-complaint database. ' +
      'SQL per request from pg_stat_statements (transaction control left out); `total` is what the page reports. ' +
      'Plans: auto_explain (ANALYZE, BUFFERS) of each statement our server sent for one more request, on a fresh server, in a separate pass.',
  );
  out.push('');
  out.push(
    table(
      ['screen', 'query (role)', 'p50 ms', 'p95 ms', 'SQL / request', 'total', `p95 < ${SCREEN_P95_GOAL_MS} ms`],
      screens.map((x) => [
        x.group,
        `${x.label} (\`${x.user}\`)`,
        fmt(x.p50),
        fmt(x.p95),
        fmt(x.sqlPerRequest, 2),
        x.total != null ? x.total.toLocaleString('en') : '–',
        x.errors ? `**error**: ${x.firstError?.slice(0, 120).replace(/\|/g, '\\|')}` : x.p95 < SCREEN_P95_GOAL_MS ? 'met' : '**not met**',
      ]),
    ),
  );
  out.push('');
  for (const x of screens) {
    out.push(`<details><summary>${x.group}: ${x.label} (${x.user}) — p95 ${fmt(x.p95)} ms, ${x.plans.length} statement(s)</summary>`);
    out.push('');
    for (const p of x.plans) {
      out.push('```');
      out.push(`-- ${fmt(p.ms)} ms`);
      out.push(p.plan);
      out.push('```');
      out.push('');
    }
    out.push('</details>');
    out.push('');
  }
  return out.join('\n');
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function toMarkdown(r: BenchReport): string {
  const out: string[] = [];
  const date = r.startedAt.replace('T', ' ').slice(0, 16) + ' UTC';
  out.push('# Benchmark: our GraphQL server side by side with PostGraphile 5');
  out.push('');
  out.push(
    `Latest run: **${date}** on ${r.machine.cpus} CPUs (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB RAM, ${r.machine.platform}; ` +
      `load average at start ${r.machine.loadavg.join(' / ')} (the machine is shared: absolute numbers drift, the ratios of one run are the measure). ` +
      `Our server on Node ${r.versions.node}; PostGraphile ${r.versions.postgraphile ?? '–'} on Node ${r.versions.peerNode ?? '–'}; PostgreSQL ${r.postgres.version} (embedded); autocannon ${r.versions.autocannon}. Code under test: build \`${r.versions.build ?? '?'}\` (hash of the compiled server and migrations).`,
  );
  out.push('');
  out.push(
    `Each load scenario: ${r.settings.warmupSeconds} s warm-up, then ${r.settings.durationSeconds} s measured with ${r.settings.connections} connections, one server at a time on loopback` +
      `${Number(r.settings.rounds) > 1 ? `, ${r.settings.rounds} rounds (servers in ABBA order; figures are the means, each round's rate in brackets)` : ''}. ` +
      `Data: ${r.dataset.complaints.toLocaleString('en')} complaints with ${r.dataset.events.toLocaleString('en')} events (seeded in ${fmt(r.dataset.seedSeconds)} s).`,
  );
  out.push('');
  out.push('## Goals (issue #7)');
  out.push('');
  out.push(table(['Goal', 'Measured', 'Status'], goalRows(r)));
  out.push('');
  out.push('## Side by side');
  out.push('');
  out.push(
    table(
      [
        'Scenario',
        'Ours /s',
        'PostGraphile /s',
        'Ours ÷ PG',
        'Ours p50 / p99 ms',
        'PG p50 / p99 ms',
        'CPU ms per unit: ours server + PostgreSQL',
        'CPU ms per unit: PG server + PostgreSQL',
        'SQL per request: ours (own count · pg_stat_statements)',
        'SQL per request: PG',
        'Errors ours / PG',
        'Bytes per response ours / PG',
      ],
      r.scenarios.map((s) => {
        const o = s.ours;
        const p = s.postgraphile;
        const q = ratio(s);
        const unit = (o ?? p)?.requestsPerUnit && (o ?? p)!.requestsPerUnit > 1 ? ` (pairs)` : '';
        return [
          `\`${s.name}\`${unit}${s.failed ? ` — failed: ${s.failed.slice(0, 120)}` : ''}`,
          o ? `${fmt(o.throughput)}${o.rounds ? ` (${o.rounds.map((x) => fmt(x)).join(', ')})` : ''}` : '–',
          p ? `${fmt(p.throughput)}${p.rounds ? ` (${p.rounds.map((x) => fmt(x)).join(', ')})` : ''}` : '–',
          q == null ? '–' : `**${fmt(q, 2)}×**`,
          o ? `${fmt(o.latencyMs.p50)} / ${fmt(o.latencyMs.p99)}` : '–',
          p ? `${fmt(p.latencyMs.p50)} / ${fmt(p.latencyMs.p99)}` : '–',
          o ? `${fmt(o.cpuMsPerUnit.server, 2)} + ${fmt(o.cpuMsPerUnit.postgres, 2)}` : '–',
          p ? `${fmt(p.cpuMsPerUnit.server, 2)} + ${fmt(p.cpuMsPerUnit.postgres, 2)}` : '–',
          o ? `${fmt(o.sqlApp, 2)} · ${fmt(o.sql.perRequest, 2)} (+${fmt(o.sql.perRequestAll - o.sql.perRequest, 2)} tx)` : '–',
          p ? `${fmt(p.sql.perRequest, 2)} (+${fmt(p.sql.perRequestAll - p.sql.perRequest, 2)} tx)` : '–',
          `${o ? o.gqlErrors + o.transportErrors : '–'} / ${p ? p.gqlErrors + p.transportErrors : '–'}`,
          `${o ? o.avgResponseBytes.toLocaleString('en') : '–'} / ${p ? p.avgResponseBytes.toLocaleString('en') : '–'}`,
        ];
      }),
    ),
  );
  out.push('');
  for (const s of r.scenarios) out.push(`- \`${s.name}\`: ${s.description}${s.note ? ` ${s.note}` : ''}`);
  out.push('');
  const errs = r.scenarios.flatMap((s) =>
    [s.ours, s.postgraphile]
      .filter((x): x is LoadResult => !!x && !!x.firstError)
      .map((x) => `- ${s.name} (${x.server}): \`${x.firstError!.replace(/`/g, "'").slice(0, 300)}\``),
  );
  if (errs.length) {
    out.push('First error seen per run:');
    out.push('');
    out.push(...errs);
    out.push('');
  }
  out.push('### Busiest statements per run (pg_stat_statements, per request)');
  out.push('');
  for (const s of r.scenarios) {
    for (const x of [s.ours, s.postgraphile]) {
      if (!x) continue;
      out.push(`<details><summary>${s.name} — ${x.server}: ${fmt(x.sql.perRequest, 2)} statements per request</summary>`);
      out.push('');
      out.push(
        table(
          ['per request', 'mean ms', 'statement'],
          x.sql.top.map((t) => [fmt(t.perRequest, 2), fmt(t.meanMs, 3), `\`${t.query.replace(/\|/g, '\\|').replace(/`/g, "'").slice(0, 220)}\``]),
        ),
      );
      out.push('');
      out.push('</details>');
      out.push('');
    }
  }
  if (r.pageSizes.length) {
    out.push('## SQL statements per list request by page size');
    out.push('');
    out.push(
      table(
        ['perPage', 'ours: own count', 'ours: pg_stat_statements', 'PostGraphile: pg_stat_statements'],
        r.pageSizes.map((p) => [String(p.perPage), fmt(p.oursApp, 2), fmt(p.oursPgss, 2), fmt(p.pglPgss, 2)]),
      ),
    );
    out.push('');
  }
  out.push('## Fan-out (ours only)');
  out.push('');
  out.push('Runs after the write scenarios, once the database is vacuumed and checkpointed and no autovacuum worker is left running.');
  out.push('');
  if (r.fanout?.length) {
    out.push(
      table(
        [
          'Subscribers',
          'Accounts',
          'Commit → last subscriber p50 / p99 / max ms',
          'Each delivery p50 / p99 ms',
          'Missed / duplicated / out of order',
          'Server RSS MiB',
          'RSS per connection KiB',
          'Connect s',
        ],
        r.fanout.map((f) => [
          f.connected.toLocaleString('en'),
          String(f.accounts ?? 1),
          `${fmt(f.lastSubscriberMs.p50, 0)} / ${fmt(f.lastSubscriberMs.p99, 0)} / ${fmt(f.lastSubscriberMs.max, 0)}`,
          `${fmt(f.deliveryMs.p50, 0)} / ${fmt(f.deliveryMs.p99, 0)}`,
          `${f.missed} / ${f.duplicates ?? '–'} / ${f.outOfOrder ?? '–'}`,
          fmt(f.serverRssMiB),
          fmt(f.rssPerConnectionKiB),
          fmt(f.connectSeconds),
        ]),
      ),
    );
    out.push('');
    out.push(
      `${r.fanout[0].commits} commits per level, made by ${r.fanout[0].writers ?? 1} connections committing at the same moment in each round. Subscribers run in the harness process on the same 2 cores (graphql-transport-ws spoken with \`ws\` directly; a message is timed on arrival), ` +
        'so the figures include the client side reading every message. Subscribers are spread round-robin over leader accounts (they see every complaint); ' +
        "the server executes a change once per account and document and sends that result to each of the account's subscribers (server/app/live.ts). RSS per connection = (server RSS with N subscribers − RSS before the first) ÷ N.",
    );
  } else out.push(r.fanoutError ? `Failed: ${r.fanoutError}` : 'Not run.');
  out.push('');
  out.push('## Scale: 1M complaints');
  out.push('');
  const s = r.scale;
  if (s?.screens?.length) out.push(screensMarkdown(s.screens), '');
  if (s && !s.lists.length) {
    out.push('The list filters side by side with PostGraphile and the report statement were not run (BENCH_SCREENS_ONLY=1).');
  } else if (s) {
    out.push(
      `${s.dataset.complaints.toLocaleString('en')} complaints and ${s.dataset.events.toLocaleString('en')} events over three years ` +
        `(tables with indexes: ${Object.entries(s.dataset.tableMiB)
          .map(([t, m]) => `${t} ${m} MiB`)
          .join(', ')})` +
        (s.dataset.seededNow ? `, seeded in ${fmt(s.dataset.seedSeconds)} s in this run.` : ', seeded by an earlier run and reused.'),
    );
    out.push('');
    out.push('Filtered lists (`list50` query, 50 per page with Opd, category, programme and last 3 events, newest first), one request at a time:');
    out.push('');
    out.push(
      table(
        ['Filter', 'Matches', 'Ours p50 / p95 / p99 ms', 'PostGraphile p50 / p95 / p99 ms'],
        s.lists
          .filter((l) => l.server === 'ours')
          .map((l) => {
            const p = s.lists.find((x) => x.server === 'postgraphile' && x.filter === l.filter);
            return [
              l.filter,
              l.matches.toLocaleString('en'),
              `${fmt(l.p50)} / **${fmt(l.p95)}** / ${fmt(l.p99)}${l.errors ? ` (${l.errors} errors)` : ''}`,
              p ? `${fmt(p.p50)} / ${fmt(p.p95)} / ${fmt(p.p99)}${p.errors ? ` (${p.errors} errors)` : ''}` : '–',
            ];
          }),
      ),
    );
    out.push('');
    out.push(
      `p95 over all filters: ours ${fmt(s.listMixP95.ours)} ms${s.listMixP95.postgraphile != null ? `, PostGraphile ${fmt(s.listMixP95.postgraphile)} ms` : ''}.`,
    );
    if (s.listSql) {
      out.push('');
      out.push(`Our statements during these lists (${fmt(s.listSql.perRequest, 2)} per request):`);
      out.push('');
      out.push(
        table(
          ['calls', 'mean ms', 'statement'],
          s.listSql.top.map((t) => [String(t.calls), fmt(t.meanMs, 3), `\`${t.query.replace(/\|/g, '\\|').slice(0, 200)}\``]),
        ),
      );
    }
    out.push('');
    out.push(
      `The report's per-Opd episode statement alone (${s.report.quarter}, complaint_handling: received, answered, due, on time, first-response percentiles, rating): runs ${s.report.runsMs.join(', ')} ms, median **${fmt(s.report.medianMs, 0)} ms**, ${s.report.rows} Opds.`,
    );
    if (s.apiReport) {
      out.push('');
      out.push(
        s.apiReport.error
          ? `The product's compliance report (\`complianceReport\`) failed: ${s.apiReport.error}`
          : `The product's compliance report (\`complianceReport(period: "${s.report.quarter}")\` over HTTP as superadmin: handling episodes from the timeline, on-time share against working-day deadlines, officers): runs ${s.apiReport.runsMs.join(', ')} ms, median **${fmt(s.apiReport.medianMs, 0)} ms**, ${s.apiReport.opds} Opds.`,
      );
    }
    if (s.experiment) {
      out.push('');
      out.push(
        `With the proposed indexes (built in ${fmt(s.experiment.buildSeconds)} s, then dropped again): report runs ${s.experiment.report.runsMs.join(', ')} ms, median **${fmt(s.experiment.report.medianMs, 0)} ms**; ` +
          `list SQL ${s.experiment.plans
            .filter((p) => p.title.startsWith('list'))
            .map((p) => `${fmt(p.ms)} ms`)
            .join(', ')} (vs ${s.plans
            .filter((p) => p.title.startsWith('list'))
            .map((p) => `${fmt(p.ms)} ms`)
            .join(', ')} without).`,
      );
      out.push('');
      out.push('```sql');
      out.push(s.experiment.indexes.join(';\n') + ';');
      out.push('```');
    }
    if (s.listAlternatives?.length) {
      out.push('');
      out.push('Ways to read a page of 50 and its total (PostgreSQL execution time from EXPLAIN ANALYZE, median of 3 runs):');
      out.push('');
      out.push(
        table(
          ['Filter', 'Statement', "Migrations' indexes ms", 'With the proposed indexes ms'],
          s.listAlternatives.map((a) => [a.filter, a.variant, fmt(a.withoutMs), fmt(a.withMs)]),
        ),
      );
    }
    out.push('');
    out.push('### EXPLAIN (ANALYZE, BUFFERS)');
    out.push('');
    for (const p of s.plans) {
      out.push(`#### ${p.title} — ${fmt(p.ms)} ms`);
      out.push('');
      out.push('```sql');
      out.push(p.sql);
      out.push('```');
      out.push('');
      out.push('```');
      out.push(p.plan);
      out.push('```');
      out.push('');
    }
    if (s.experiment) {
      out.push('### The same with the proposed indexes');
      out.push('');
      for (const p of s.experiment.plans) {
        out.push(`#### ${p.title} — ${fmt(p.ms)} ms`);
        out.push('');
        out.push('```');
        out.push(p.plan);
        out.push('```');
        out.push('');
      }
    }
  } else
    out.push(
      r.scaleError
        ? `Failed: ${r.scaleError}`
        : 'Not run: `BENCH_SCALE=1 npm run bench` seeds 1M complaints and 5M events once (kept in bench/.data for later runs) and measures these.',
    );
  out.push('');
  out.push('## Photo uploads (issue #19)');
  out.push('');
  const u = r.uploads;
  if (u) {
    out.push(
      `${u.connections} uploaders for ${fmt(u.seconds)} s, each photo (${fmt(u.photoBytes / 1024, 0)} KB JPEG with GPS in its EXIF) through the three steps: ` +
        '`requestAttachmentUpload`, PUT of the raw bytes (type by content, re-encoded without metadata, thumbnail, stored on the local disk), `attachFiles` (event through the one write path).',
    );
    out.push('');
    out.push(
      table(
        ['Uploads/s', 'MB/s', 'PUT p50 / p90 / p99 ms', 'Three steps p50 / p99 ms', 'Server CPU ms/upload', 'Errors', 'List with attachmentCount: statements'],
        [
          [
            fmt(u.uploadsPerSecond),
            fmt(u.mbPerSecond),
            `${fmt(u.putMs.p50)} / ${fmt(u.putMs.p90)} / ${fmt(u.putMs.p99)}`,
            `${fmt(u.fileMs.p50)} / ${fmt(u.fileMs.p99)}`,
            fmt(u.serverCpuMsPerUpload),
            `${u.errors}${u.firstError ? ` (${u.firstError})` : ''}`,
            `${u.listStatements ?? '–'} (50 complaints, ${u.listWithCounts.withFiles} with files)`,
          ],
        ],
      ),
    );
  } else out.push(r.uploadsError ? `Failed: ${r.uploadsError}` : 'Not run in this run (`BENCH_SCENARIOS` without uploads).');
  out.push('');
  out.push(...outboxMarkdown(r));
  out.push('## Method');
  out.push('');
  out.push(...r.notes.map((n) => `- ${n}`));
  out.push('');
  out.push('## How to run');
  out.push('');
  out.push('```sh');
  out.push('npm run bench                       # 10k complaints: list, detail, submit, transition, fan-out');
  out.push('BENCH_SCALE=1 npm run bench         # also 1M complaints / 5M events (seeded once, then reused)');
  out.push('```');
  out.push('');
  out.push(
    'Settings (environment): `BENCH_DURATION` seconds per scenario per server (10), `BENCH_WARMUP` (5), `BENCH_CONNECTIONS` (8), `BENCH_COMPLAINTS` (10000), ' +
      '`BENCH_SCENARIOS` (comma list of list50, list50-filtered, detail, submit, transition, pagesizes, fanout, uploads, outbox), `BENCH_PEER=0` (ours only), `BENCH_UPLOAD_SECONDS` (15), `BENCH_UPLOAD_CONNECTIONS` (4), ' +
      '`BENCH_ROUNDS` (1; 2 runs each scenario twice, servers in ABBA order), `BENCH_FANOUT` (levels, `1000,5000,10000`), `BENCH_FANOUT_COMMITS` (20), `BENCH_FANOUT_WRITERS` (2, connections committing at the same moment each round), `BENCH_FANOUT_ACCOUNTS` (200), `BENCH_SQL_COUNT=1` (our own SQL counter on under load too), `BENCH_SCALE_REQUESTS` (100 per filter), `BENCH_SCALE_EXPERIMENT=0`, `BENCH_SCREEN_REQUESTS` (15 per screen query), `BENCH_SCREENS` (a regular expression: only those screen queries), `BENCH_SCREENS_ONLY=1` (the scale run measures only the screens), `BENCH_OUTBOX_MESSAGES` (20000, the backlog drained), `BENCH_OUTBOX_PROCESSES` (1), `BENCH_OUTBOX_BATCH` (50, NOTIFY_BATCH_SIZE of the servers), `BENCH_OUTBOX_LANES` (2, their NOTIFY_CONCURRENCY), `BENCH_VERBOSE=1` (server logs). ' +
      'The first run installs the PostGraphile peer (bench/peer/package.json → bench/.peer: PostGraphile 5 and Node 22 from the npm registry). ' +
      'Results: `bench/results/<timestamp>.json` and `.md`; this file is a copy of the latest Markdown.',
  );
  out.push('');
  return out.join('\n');
}
