/**
 * What the deadline sweep records on its own (no actor): a deadline that passed (OVERDUE,
 * and ESCALATED, which only tells the parent unit: the complaint stays where it is), an
 * answer closed after its waiting time. The console already shows all of it from the
 * deadlines it has (the countdown turns red as time passes), so these tell a user nothing
 * new: they refresh the lists but neither notify nor count on the inbox badge. A sweep soon
 * after a login used to greet the user with "28 pengaduan berubah".
 */
const CLOCK_EVENTS = new Set(['OVERDUE', 'ESCALATED', 'AUTO_CLOSED']);

/** Whether a change is news for this user: made by someone else, and not just the clock. */
export const isNewsFor = (userId: string, { event }: { event: { type: string; actorId?: string | null } }): boolean =>
  event.actorId == null ? !CLOCK_EVENTS.has(event.type) : String(event.actorId) !== userId;
