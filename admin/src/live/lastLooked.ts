/**
 * Where each user last looked at their inbox, per browser: the live feed's cursor up to which
 * nothing is new for them. A new session (a reload, or signing in again later) resumes the
 * feed from there, so what changed while the user was away counts on the badge, and what they
 * had already looked at does not. A mark older than MAX_AGE_MS is forgotten: after a long
 * absence the inbox itself is where to start, not a replay of weeks of changes.
 */
const PREFIX = 'lapor.live.lastLooked.';
const MAX_AGE_MS = 14 * 24 * 3600_000;

interface Mark {
  cursor: string;
  at: number;
}

export const lastLooked = {
  get(userId: string): string | null {
    try {
      const mark = JSON.parse(localStorage.getItem(PREFIX + userId) ?? 'null') as Mark | null;
      return mark && typeof mark.cursor === 'string' && Date.now() - mark.at < MAX_AGE_MS ? mark.cursor : null;
    } catch {
      return null;
    }
  },
  set(userId: string, cursor: string | null) {
    if (!cursor) return;
    try {
      localStorage.setItem(PREFIX + userId, JSON.stringify({ cursor, at: Date.now() } satisfies Mark));
    } catch {
      // Storage full or refused: the badge then starts from the newest change next time, as before.
    }
  },
};
