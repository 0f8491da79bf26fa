import { gql } from '@apollo/client';
import { client, graphqlHttpUrl, tokenStore } from '../providers/apolloClient';

/** A file on a complaint as the detail page reads it (schema.graphql `Attachment`). */
export interface AttachmentRecord {
  id: string;
  fileName: string;
  kind?: 'IMAGE' | 'DOCUMENT' | null;
  mimeType?: string | null;
  size?: number | null;
  visibility: 'PUBLIC' | 'INTERNAL' | 'IDENTITY';
  status: 'ACTIVE' | 'REMOVED' | string;
  eventId?: string | null;
  forEventId?: string | null;
  url?: string | null;
  thumbnailUrl?: string | null;
  createdAt: string;
  uploadedBy?: { id: string; name?: string | null } | null;
  /** Sent by the reporter on the public pages (Lapor, or a reply on Lacak). */
  byReporter?: boolean | null;
  removedBy?: { id: string; name?: string | null } | null;
  removedAt?: string | null;
  removeReason?: string | null;
}

export type Visibility = AttachmentRecord['visibility'];
export const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,application/pdf';

const REQUEST = gql`
  mutation requestAttachmentUpload($complaintId: ID!, $fileName: String!, $visibility: AttachmentVisibility!) {
    requestAttachmentUpload(complaintId: $complaintId, fileName: $fileName, visibility: $visibility) {
      attachmentId
      uploadUrl
    }
  }
`;

const ATTACH = gql`
  mutation attachFiles($id: ID!, $uploadIds: [ID!]!, $forEventId: ID) {
    attachFiles(id: $id, uploadIds: $uploadIds, forEventId: $forEventId) {
      id
      version
      attachmentCount
    }
  }
`;

const REMOVE = gql`
  mutation removeAttachment($id: ID!, $reason: String!) {
    removeAttachment(id: $id, reason: $reason) {
      id
      version
      attachmentCount
    }
  }
`;

/** A link of the server (upload or download), wherever the console itself is served from. */
export const serverUrl = (path: string) => new URL(path, graphqlHttpUrl).toString();

/** The server's refusal of one file, in its words (Indonesian for the type and size), with the file's name. */
export class UploadRefused extends Error {
  constructor(
    readonly fileName: string,
    message: string,
  ) {
    super(`${fileName}: ${message}`);
  }
}

/**
 * Each file: a single-use link from the server, the raw bytes PUT there (no base64 in GraphQL), then
 * all of them joined to the complaint in one timeline entry, optionally documenting `forEventId`.
 */
export async function uploadFiles(complaintId: string, files: File[], visibility: Visibility, forEventId?: string | null): Promise<void> {
  if (files.length === 0) return;
  const ids: string[] = [];
  for (const file of files) {
    const { data } = await client.mutate<{ requestAttachmentUpload: { attachmentId: string; uploadUrl: string } }>({
      mutation: REQUEST,
      variables: { complaintId, fileName: file.name, visibility },
    });
    const ticket = data!.requestAttachmentUpload;
    const token = tokenStore.get();
    const res = await fetch(serverUrl(ticket.uploadUrl), {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
      throw new UploadRefused(file.name, body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
    }
    ids.push(ticket.attachmentId);
  }
  await client.mutate({ mutation: ATTACH, variables: { id: complaintId, uploadIds: ids, forEventId: forEventId ?? null } });
}

export async function removeAttachment(id: string, reason: string): Promise<void> {
  await client.mutate({ mutation: REMOVE, variables: { id, reason } });
}
