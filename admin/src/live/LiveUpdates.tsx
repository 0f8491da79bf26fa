import { gql } from '@apollo/client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useGetIdentity, useNotify, useTranslate } from 'react-admin';
import { client } from '../providers/apolloClient';
import { startComplaintFeed, type ComplaintChange } from './feed';
import { inboxBadge, watchInboxBadge } from './inboxBadge';
import { lastLooked } from './lastLooked';
import { isNewsFor } from './news';
import { invalidateComplaints } from './invalidate';

/** Other parts of the console (e.g. the dashboard) may listen for this DOM event. */
export const COMPLAINT_CHANGED_EVENT = 'lapor:complaint-changed';

const IN_INBOX = gql`
  query inboxMembership($ids: [ID!]) {
    myInbox(filter: { ids: $ids }, perPage: 100) {
      items {
        id
      }
    }
  }
`;

/** Bursts (several changes committed together) become one refresh and one notification. */
const FLUSH_MS = 400;

type Translate = ReturnType<typeof useTranslate>;

/** "MGL-2611-00042 diteruskan ke Dinas Sosial". */
export const describeChange = (translate: Translate, { complaint, event }: ComplaintChange) =>
  translate(`live.events.${event.type}`, {
    _: translate('live.events.default', { code: complaint.trackingCode }),
    code: complaint.trackingCode,
    opd: event.toOpd?.name ?? complaint.currentOpd?.name ?? '',
    from: event.fromOpd?.name ?? '',
    actor: event.actor?.name ?? '',
  });

/**
 * The live side of the console, mounted once in the layout: one `complaintChanged`
 * subscription per signed-in session. Each change refreshes complaint lists and the open
 * complaint, tells the user what happened (not for their own actions, nor the clock's) and
 * feeds the inbox badge with complaints the server now lists in `myInbox`. The feed starts
 * where this user last looked (kept per user in this browser, lastLooked.ts), so what changed
 * since then counts, also after a reload or a new sign-in, and nothing older does; a user's
 * first session starts at the newest change. Whenever nothing is left unseen (the inbox was
 * opened, or the changes handled so far were not news) that place moves on.
 */
export const LiveUpdates = () => {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const userId = identity?.id == null ? null : String(identity.id);
  // The latest helpers without restarting the subscription when they change identity.
  const latest = useRef({ notify, translate, queryClient });
  latest.current = { notify, translate, queryClient };

  useEffect(() => {
    if (!userId) return undefined;
    inboxBadge.reset();
    let pending: ComplaintChange[] = [];
    let timer: number | undefined;
    // The cursor of the last change fully handled (counted on the badge or not news).
    let handled: string | null = null;
    const markLooked = () => {
      if (inboxBadge.unseen() === 0) lastLooked.set(userId, handled);
    };

    const flush = async () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      const { notify, translate, queryClient } = latest.current;
      const ids = [...new Set(batch.map((c) => String(c.complaint.id)))];
      void invalidateComplaints(queryClient, ids);
      window.dispatchEvent(new CustomEvent(COMPLAINT_CHANGED_EVENT, { detail: batch }));

      const others = batch.filter((c) => isNewsFor(userId, c));
      const through = batch[batch.length - 1]?.cursor ?? handled;
      if (others.length === 0) {
        handled = through;
        markLooked();
        return;
      }
      if (others.length === 1) {
        notify(describeChange(translate, others[0]), { type: 'info', autoHideDuration: 6000 });
      } else {
        const codes = [...new Set(others.map((c) => c.complaint.trackingCode))];
        notify(
          translate('live.batch', {
            smart_count: codes.length,
            codes: codes.slice(0, 3).join(', ') + (codes.length > 3 ? ', …' : ''),
          }),
          { type: 'info', autoHideDuration: 6000 },
        );
      }
      // Which of them wait for this user now is the server's call.
      const otherIds = [...new Set(others.map((c) => String(c.complaint.id)))];
      try {
        const { data } = await client.query<{ myInbox: { items: { id: string }[] } }>({
          query: IN_INBOX,
          variables: { ids: otherIds },
          fetchPolicy: 'network-only',
        });
        for (const item of data.myInbox.items) inboxBadge.changed(String(item.id));
      } catch {
        // The badge is a hint; the inbox itself is always fetched fresh.
      }
      handled = through;
      markLooked();
    };

    const stop = startComplaintFeed(
      (change) => {
        pending.push(change);
        if (timer === undefined) timer = window.setTimeout(flush, FLUSH_MS);
      },
      {
        from: lastLooked.get(userId),
        onStart: (cursor) => {
          handled = cursor;
          markLooked();
        },
      },
    );
    // Opening the inbox clears the badge: everything handled so far has been looked at.
    const unwatch = watchInboxBadge(markLooked);
    return () => {
      stop();
      unwatch();
      window.clearTimeout(timer);
    };
  }, [userId]);

  return null;
};
