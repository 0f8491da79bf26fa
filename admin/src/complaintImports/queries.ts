import { gql } from '@apollo/client';
import { client } from '../providers/apolloClient';

export interface ImportRowResult {
  row: number;
  externalId: string | null;
  action: 'CREATE' | 'UPDATE' | 'UNCHANGED' | 'REFUSE';
  reason: string | null;
  trackingCode: string | null;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  results: ImportRowResult[];
}

const IMPORT = gql`
  mutation importComplaints($input: ComplaintImportInput!) {
    importComplaints(input: $input) {
      rows
      created
      updated
      unchanged
      refused
      results {
        row
        externalId
        action
        reason
        trackingCode
      }
    }
  }
`;

export const importPart = async (rows: unknown[], rowOffset: number, mapping: unknown, dryRun: boolean): Promise<ImportReport> => {
  const { data } = await client.mutate<{ importComplaints: ImportReport }>({
    mutation: IMPORT,
    variables: { input: { format: 'JSON', content: JSON.stringify(rows), rowOffset, mapping, dryRun } },
  });
  return data!.importComplaints;
};

/** A starting point: the columns of an SP4N-LAPOR! export as a city keeps it; adjust to the file at hand. */
export const DEFAULT_MAPPING = {
  source: 'SP4N_LAPOR',
  externalId: 'ID Laporan',
  title: 'Judul',
  description: 'Isi Laporan',
  reporterName: 'Nama Pelapor',
  reporterPhone: 'Telepon',
  reporterEmail: 'Email',
  address: 'Lokasi',
  category: 'Kategori',
  status: 'Status',
  statuses: [
    { external: 'Belum Diverifikasi', status: 'SUBMITTED' },
    { external: 'Diverifikasi', status: 'VERIFIED' },
  ],
};
