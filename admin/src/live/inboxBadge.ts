import { useSyncExternalStore } from 'react';

/**
 * Which inbox complaints changed since the inbox was last open: the menu badge counts
 * them; the inbox highlights them once opened. Membership is the server's call (the live
 * feed asks `myInbox` about each changed complaint), never re-derived here.
 */
let unseen = new Set<string>();
let highlighted = new Set<string>();
let openViews = 0;
let snapshot = { unseen: 0, highlighted };
const listeners = new Set<() => void>();

const emit = () => {
  snapshot = { unseen: unseen.size, highlighted };
  for (const listener of listeners) listener();
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const inboxBadge = {
  /** A complaint entered or changed in the viewer's inbox. */
  changed(id: string) {
    if (openViews > 0) highlighted = new Set(highlighted).add(id);
    else unseen.add(id);
    emit();
  },
  /** The inbox page mounted: what was new is now seen (and highlighted). Returns the unmount callback. */
  open(): () => void {
    openViews += 1;
    highlighted = new Set([...highlighted, ...unseen]);
    unseen = new Set();
    emit();
    return () => {
      openViews -= 1;
      if (openViews === 0) {
        highlighted = new Set();
        emit();
      }
    };
  },
  /** How many complaints wait unseen (the badge's count). */
  unseen: () => unseen.size,
  /** A new session: nothing is new until the feed says so. */
  reset() {
    unseen = new Set();
    highlighted = new Set();
    emit();
  },
};

export const useInboxBadge = () => useSyncExternalStore(subscribe, () => snapshot);

/** Called whenever the badge changes (outside React). */
export const watchInboxBadge = subscribe;
