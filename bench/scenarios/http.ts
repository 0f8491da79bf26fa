import type { RequestDef } from '../lib/load';
import type { Org } from '../lib/seed';
import { tokenFor } from '../lib/servers';

/**
 * The same work asked of both servers. Ours is asked as a staff member (superadmin sees
 * every complaint, like PostGraphile without row-level security); PostGraphile's queries
 * use its generated names (rowId, …By…Id relations, connections with `nodes`).
 */

export const OURS_LIST = `query List50($filter: ComplaintFilter, $perPage: Int!) {
  complaints(filter: $filter, page: 1, perPage: $perPage, sortField: "createdAt", sortOrder: DESC) {
    total
    items {
      id trackingCode title status createdAt dueAt
      currentOpd { id name }
      category { id name }
      program { id name }
      events(last: 3) { id type toStatus message createdAt }
    }
  }
}`;

export const PGL_LIST = `query List50($condition: ComplaintCondition, $first: Int!) {
  allComplaints(first: $first, orderBy: [CREATED_AT_DESC, ROW_ID_DESC], condition: $condition) {
    totalCount
    nodes {
      rowId trackingCode title status createdAt dueAt
      opdByCurrentOpdId { rowId name }
      categoryByCategoryId { rowId name }
      programByProgramId { rowId name }
      complaintEventsByComplaintId(first: 3, orderBy: [ROW_ID_DESC]) { nodes { rowId type toStatus message createdAt } }
    }
  }
}`;

export const OURS_DETAIL = `query Detail($id: ID!) {
  complaint(id: $id) {
    id trackingCode title description status channel type createdAt dueAt answer version
    intakeOpd { id name }
    currentOpd { id name }
    category { id name }
    program { id name }
    events { id type fromStatus toStatus message createdAt actor { id name } toOpd { id name } }
  }
}`;

export const PGL_DETAIL = `query Detail($id: Int!) {
  complaintByRowId(rowId: $id) {
    rowId trackingCode title description status channel type createdAt dueAt answer version
    opdByIntakeOpdId { rowId name }
    opdByCurrentOpdId { rowId name }
    categoryByCategoryId { rowId name }
    programByProgramId { rowId name }
    complaintEventsByComplaintId(orderBy: [ROW_ID_ASC]) {
      nodes { rowId type fromStatus toStatus message createdAt appUserByActorId { rowId name } opdByToOpdId { rowId name } }
    }
  }
}`;

/** A filter both servers can express: PostGraphile's `condition` covers equality on indexed columns only. */
export interface ListFilter {
  label: string;
  status?: string;
  categoryId?: number;
  currentOpdId?: number;
  intakeOpdId?: number;
}

export function listRequests(server: 'ours' | 'postgraphile', org: Org, perPage: number, filter: ListFilter | null): RequestDef[] {
  if (server === 'ours') {
    const f = filter
      ? {
          ...(filter.status ? { status: [filter.status] } : {}),
          ...(filter.categoryId ? { categoryId: String(filter.categoryId) } : {}),
          ...(filter.currentOpdId ? { currentOpdId: String(filter.currentOpdId) } : {}),
          ...(filter.intakeOpdId ? { intakeOpdId: String(filter.intakeOpdId) } : {}),
        }
      : null;
    const body = { query: OURS_LIST, variables: { filter: f, perPage } };
    return [{ headers: { authorization: `Bearer ${tokenFor(org, 'superadmin')}` }, body: () => body }];
  }
  const condition = filter
    ? {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.categoryId ? { categoryId: filter.categoryId } : {}),
        ...(filter.currentOpdId ? { currentOpdId: filter.currentOpdId } : {}),
        ...(filter.intakeOpdId ? { intakeOpdId: filter.intakeOpdId } : {}),
      }
    : null;
  const body = { query: PGL_LIST, variables: { condition, first: perPage } };
  return [{ body: () => body }];
}

/** Cycles through the seeded complaints in a fixed pseudo-random order (the same for both servers). */
export function idCycler(firstId: number, lastId: number) {
  const n = lastId - firstId + 1;
  let i = 0;
  return () => firstId + ((i++ * 7919) % n);
}

export function detailRequests(server: 'ours' | 'postgraphile', org: Org, firstId: number, lastId: number): RequestDef[] {
  const next = idCycler(firstId, lastId);
  if (server === 'ours') {
    return [{ headers: { authorization: `Bearer ${tokenFor(org, 'superadmin')}` }, body: () => ({ query: OURS_DETAIL, variables: { id: String(next()) } }) }];
  }
  return [{ body: () => ({ query: PGL_DETAIL, variables: { id: next() } }) }];
}

const SUBMIT_OURS = `mutation Submit($input: ComplaintInput!, $key: String) {
  submitComplaint(input: $input, idempotencyKey: $key) { trackingCode accessCode replayed complaint { id status } }
}`;
const SUBMIT_PGL = `mutation Submit($input: BenchPglSubmitComplaintInput!) {
  benchPglSubmitComplaint(input: $input) { result { rowId status trackingCode } }
}`;

/** submitComplaint as a complaint admin (staff: no public rate limit), each with its own idempotency key. */
export function submitRequests(server: 'ours' | 'postgraphile', org: Org, runTag: string): RequestDef[] {
  const admin = org.userByName.get('admin.tengah')!;
  const kel = org.opdByCode.get('KEL-CACABAN')!;
  const cat = org.categoryByCode.get('BANSOS')!;
  let n = 0;
  const fields = (i: number) => ({
    title: `Bantuan PKH tidak cair (bench ${i})`,
    description: 'Saya terdaftar sebagai penerima PKH, tetapi bantuan tahap ini belum masuk ke rekening. Mohon dicek.',
    categoryId: cat,
    kelurahanId: kel,
    reporterName: 'Warga Bench',
    reporterPhone: '081234567890',
  });
  if (server === 'ours') {
    return [
      {
        headers: { authorization: `Bearer ${tokenFor(org, 'admin.tengah')}` },
        body: () => {
          const i = n++;
          const f = fields(i);
          return {
            query: SUBMIT_OURS,
            variables: {
              key: `bench-${runTag}-ours-${i}`,
              input: { ...f, categoryId: String(f.categoryId), kelurahanId: String(f.kelurahanId), channel: 'WALK_IN' },
            },
          };
        },
      },
    ];
  }
  return [
    {
      body: () => {
        const i = n++;
        return {
          query: SUBMIT_PGL,
          variables: {
            input: { ...fields(i), channel: 'WALK_IN', intakeOpdId: admin.opdId, recordedById: admin.id, idempotencyKey: `bench-${runTag}-pgl-${i}` },
          },
        };
      },
    },
  ];
}

const FORWARD_OURS = `mutation Forward($id: ID!, $opd: ID!) { forwardComplaint(id: $id, opdId: $opd) { id status version } }`;
const RESPOND_OURS = `mutation Respond($id: ID!, $answer: String!) { respondToComplaint(id: $id, answer: $answer) { id status version } }`;
const FORWARD_PGL = `mutation Forward($input: BenchPglForwardComplaintInput!) { benchPglForwardComplaint(input: $input) { result { rowId status version } } }`;
const RESPOND_PGL = `mutation Respond($input: BenchPglRespondToComplaintInput!) { benchPglRespondToComplaint(input: $input) { result { rowId status version } } }`;
const ANSWER = 'Terima kasih atas laporannya. Petugas kami sudah menindaklanjuti dan bantuan telah disalurkan.';

/**
 * A pair: the intake admin forwards a VERIFIED complaint to Dinas Sosial, then the head of
 * Dinas Sosial answers it (accepting it first: two events). Each pair takes the next
 * complaint of a pool seeded for this server.
 */
export function transitionRequests(server: 'ours' | 'postgraphile', org: Org, pool: { first: number; last: number }): RequestDef[] {
  const dinsos = org.opdByCode.get('DINSOS')!;
  let next = pool.first;
  // Past the end of the pool the id 0 is asked for: the request fails (counted as an error) instead of touching other rows.
  const take = (ctx: Record<string, unknown>) => {
    ctx.id = next <= pool.last ? next++ : 0;
    return ctx.id as number;
  };
  if (server === 'ours') {
    return [
      {
        headers: { authorization: `Bearer ${tokenFor(org, 'admin.tengah')}` },
        body: (ctx) => ({ query: FORWARD_OURS, variables: { id: String(take(ctx)), opd: String(dinsos) } }),
      },
      {
        headers: { authorization: `Bearer ${tokenFor(org, 'kepala.dinsos')}` },
        body: (ctx) => ({ query: RESPOND_OURS, variables: { id: String(ctx.id), answer: ANSWER } }),
      },
    ];
  }
  const admin = org.userByName.get('admin.tengah')!.id;
  const head = org.userByName.get('kepala.dinsos')!.id;
  return [
    { body: (ctx) => ({ query: FORWARD_PGL, variables: { input: { complaintId: take(ctx), opdId: dinsos, actorId: admin } } }) },
    { body: (ctx) => ({ query: RESPOND_PGL, variables: { input: { complaintId: ctx.id, answer: ANSWER, actorId: head } } }) },
  ];
}
