import ContentCopyIcon from '@mui/icons-material/ContentCopyOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { Link, useTranslate } from 'react-admin';
import { client } from '../providers/apolloClient';
import { StatusChip } from './fields';

export interface DuplicateCandidate {
  score: number;
  reasons: string[];
  distanceMeters?: number | null;
  complaint: { id: string; trackingCode: string; title: string; status: string; createdAt: string };
}

const SIMILAR = gql`
  query similarComplaints($input: DuplicateProbeInput!) {
    similarComplaints(input: $input) {
      score
      reasons
      distanceMeters
      complaint {
        id
        trackingCode
        title
        status
        createdAt
      }
    }
  }
`;
const POSSIBLE = gql`
  query possibleDuplicates($id: ID!) {
    complaint(id: $id) {
      id
      possibleDuplicates {
        score
        reasons
        distanceMeters
        complaint {
          id
          trackingCode
          title
          status
          createdAt
        }
      }
    }
  }
`;

/** The likely duplicates of a recorded complaint, for those who verify it (the server decides; empty otherwise). */
export const usePossibleDuplicates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['complaints', 'possibleDuplicates', id],
    enabled,
    queryFn: async () => {
      const { data } = await client.query<{ complaint: { possibleDuplicates: DuplicateCandidate[] } | null }>({
        query: POSSIBLE,
        variables: { id },
        fetchPolicy: 'network-only',
      });
      return data.complaint?.possibleDuplicates ?? [];
    },
  });

export const CandidateList = ({ candidates }: { candidates: DuplicateCandidate[] }) => {
  const translate = useTranslate();
  return (
    <Stack component="ul" spacing={1} sx={{ m: 0, p: 0, listStyle: 'none' }} data-testid="duplicate-candidates">
      {candidates.map((c) => (
        <Box component="li" key={c.complaint.id} data-candidate={c.complaint.id}>
          <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
            <Link to={`/complaints/${encodeURIComponent(c.complaint.id)}/show`} target="_blank">
              {c.complaint.trackingCode}
            </Link>
            <Typography variant="body2" component="span">
              {c.complaint.title}
            </Typography>
            <StatusChip status={c.complaint.status} />
            <Typography variant="caption" color="text.secondary" component="span">
              {translate('complaint.duplicates.score', { score: Math.round(c.score * 100) })}
            </Typography>
          </Stack>
          <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" sx={{ mt: 0.5 }}>
            {c.reasons.map((r) => (
              <Chip key={r} size="small" variant="outlined" label={translate(`enums.DuplicateReason.${r}`)} />
            ))}
            {c.distanceMeters != null && (
              <Chip size="small" variant="outlined" label={translate('complaint.duplicates.distance', { meters: c.distanceMeters })} />
            )}
          </Stack>
        </Box>
      ))}
    </Stack>
  );
};

/** While recording: reports like this one, looked up as the title and place are typed (after a pause). */
export const SimilarWhileRecording = () => {
  const translate = useTranslate();
  const [title, description, categoryId, kelurahanId] = useWatch({ name: ['title', 'description', 'categoryId', 'kelurahanId'] }) as (string | null)[];
  const [probe, setProbe] = useState<Record<string, unknown> | null>(null);
  useEffect(() => {
    const t = (title ?? '').trim();
    const timer = setTimeout(
      () =>
        setProbe(
          t.length >= 5 ? { title: t, description: (description ?? '').trim(), categoryId: categoryId || null, kelurahanId: kelurahanId || null } : null,
        ),
      600,
    );
    return () => clearTimeout(timer);
  }, [title, description, categoryId, kelurahanId]);
  const { data } = useQuery({
    queryKey: ['complaints', 'similar', probe],
    enabled: probe != null,
    queryFn: async () => {
      const { data: d } = await client.query<{ similarComplaints: DuplicateCandidate[] }>({ query: SIMILAR, variables: { input: probe } });
      return d.similarComplaints;
    },
  });
  if (!probe || !data?.length) return null;
  return (
    <Alert severity="warning" icon={<ContentCopyIcon />} sx={{ my: 1 }} data-testid="similar-while-recording">
      <AlertTitle>{translate('complaint.duplicates.whileRecording')}</AlertTitle>
      <CandidateList candidates={data} />
    </Alert>
  );
};
