import type { WorkflowAction } from './workflow';

/**
 * What a user typed into an action dialog, kept in localStorage per user, complaint and
 * action until the action goes through: a reload, a closed tab, an expired session or a
 * conflict never costs the text. Cancelling keeps it too (the next opening offers it back).
 */
const PREFIX = 'lapor.admin.draft';

const keyOf = (userId: string, complaintId: string, action: WorkflowAction) => `${PREFIX}:${userId}:${complaintId}:${action}`;

export type DraftValues = Record<string, unknown>;

/** The inputs a user types into; a choice made alone (a unit, a stage) is no draft. */
const TEXT_INPUTS = ['answer', 'note', 'reason'];

const hasText = (values: DraftValues) => TEXT_INPUTS.some((name) => typeof values[name] === 'string' && values[name].trim() !== '');

export const loadDraft = (userId: string, complaintId: string, action: WorkflowAction): DraftValues | null => {
  try {
    const raw = localStorage.getItem(keyOf(userId, complaintId, action));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as DraftValues) : null;
  } catch {
    return null;
  }
};

/** Keeps the values while they hold some text; forgets them once every text input is empty. */
export const saveDraft = (userId: string, complaintId: string, action: WorkflowAction, values: DraftValues) => {
  try {
    if (hasText(values)) localStorage.setItem(keyOf(userId, complaintId, action), JSON.stringify(values));
    else localStorage.removeItem(keyOf(userId, complaintId, action));
  } catch {
    // Storage full or disabled: the dialog still holds the text while it is open.
  }
};

export const clearDraft = (userId: string, complaintId: string, action: WorkflowAction) => {
  try {
    localStorage.removeItem(keyOf(userId, complaintId, action));
  } catch {
    // Nothing to clear.
  }
};

/** The actions with a draft waiting, for the buttons to say so. */
export const actionsWithDraft = (userId: string, complaintId: string, actions: readonly WorkflowAction[]): Set<WorkflowAction> =>
  new Set(actions.filter((action) => loadDraft(userId, complaintId, action) !== null));
