/**
 * The server words its refusals in English (`extensions.problems[].message`, class-validator's
 * defaults and our services' own texts). The console shows them in the user's language: each
 * known wording maps to an i18n key, with the numbers it carries as arguments. An unknown
 * wording still gets a message in the user's language (`validation.server.invalid`), never
 * the English text.
 */

export interface LocalMessage {
  key: string;
  args?: Record<string, string | number>;
}

type Rule = readonly [RegExp, string, ((match: RegExpMatchArray) => Record<string, string | number>)?];

const FIELD_RULES: readonly Rule[] = [
  // Lengths: class-validator's @Length and our services' text checks.
  [/must be longer than or equal to (\d+) characters?/, 'ra.validation.minLength', (m) => ({ min: Number(m[1]) })],
  [/must be shorter than or equal to (\d+) characters?/, 'ra.validation.maxLength', (m) => ({ max: Number(m[1]) })],
  [/must be at least (\d+) characters?/, 'ra.validation.minLength', (m) => ({ min: Number(m[1]) })],
  [/must be at most (\d+) characters?/, 'ra.validation.maxLength', (m) => ({ max: Number(m[1]) })],
  [/must be (\d+)[–-](\d+) characters/, 'validation.server.lengthBetween', (m) => ({ min: Number(m[1]), max: Number(m[2]) })],
  [/^is required\b|should not be empty/, 'ra.validation.required'],
  [/must not be less than (-?\d+(?:\.\d+)?)/, 'ra.validation.minValue', (m) => ({ min: Number(m[1]) })],
  [/must not be greater than (-?\d+(?:\.\d+)?)/, 'ra.validation.maxValue', (m) => ({ max: Number(m[1]) })],
  [/must be an integer number|must be a whole number/, 'validation.server.integer'],
  [/must be an email/, 'ra.validation.email'],
  // Formats with our own wording (server/modules/*/…inputs.ts).
  [/NIK must be 16 digits/, 'complaint.create.nikFormat'],
  [/must be an RT number/, 'validation.rt'],
  [/must be an RW number/, 'validation.rw'],
  [/must be a phone number/, 'validation.phone'],
  [/must be HH:MM/, 'validation.time'],
  [/must be a Kemendagri code/, 'validation.regionCode'],
  [/use capital letters, digits, dot, dash or underscore/, 'validation.code'],
  [/use lower-case letters, digits, dot, dash or underscore/, 'validation.username'],
  [/must be a latitude/, 'validation.server.latitude'],
  [/must be a longitude/, 'validation.server.longitude'],
  [/must be YYYY-MM-DD|must be a valid ISO 8601 date/, 'validation.server.date'],
  // Rules of the services. An argument that is an i18n key (`enums.…`) is translated too.
  [
    /^(\S+) is ([A-Z_]+); only complaints being handled go to a desk/,
    'validation.server.notHandled',
    (m) => ({ code: m[1], status: `enums.ComplaintStatus.${m[2]}` }),
  ],
  [/put at least one complaint on the agenda/, 'validation.server.agendaEmpty'],
  [/at most (\d+) complaints per desk/, 'validation.server.agendaMax', (m) => ({ max: Number(m[1]) })],
  [/decide every complaint on the agenda/, 'validation.server.decideAll'],
  [/not on this desk.s agenda/, 'validation.server.notOnAgenda'],
  [/must be at most (\d+) working days ahead \(by ([^)]+)\)/, 'validation.server.workingDays', (m) => ({ days: Number(m[1]), date: m[2] })],
  [/give at least one way to reach the reporter/, 'complaint.create.contactRequired'],
  [/must be a kelurahan/, 'validation.server.kelurahan'],
  [/has no unit head to answer/, 'validation.server.noUnitHead'],
  [/is already at /, 'validation.server.alreadyThere'],
  [/assign staff of the unit handling the complaint/, 'validation.server.assigneeUnit'],
  [/a complaint cannot duplicate itself/, 'validation.server.duplicateSelf'],
  [/you cannot deactivate yourself or change your own role/, 'validation.server.ownRole'],
  [/is required for a new user/, 'ra.validation.required'],
  [/only officers staff a service post/, 'validation.server.officerPost'],
  [/is not an officer/, 'validation.server.notOfficer'],
  // Notification templates and channels (server/modules/notifications).
  [/unknown placeholder (\{[^}]*\})/, 'validation.server.unknownPlaceholder', (m) => ({ name: m[1] })],
  [/(\{[^}]*\}) is not available in this template \(staff messages/, 'validation.server.identityPlaceholder', (m) => ({ name: m[1] })],
  [/(\{[^}]*\}) is not available in this template/, 'validation.server.placeholderNotHere', (m) => ({ name: m[1] })],
  [/must keep (\{[^}]*\})/, 'validation.server.placeholderRequired', (m) => ({ name: m[1] })],
  [/(\{[^}]*\}) is a secret and goes in the body only/, 'validation.server.secretInSubject', (m) => ({ name: m[1] })],
  [/must be one line/, 'validation.server.oneLine'],
  [/they mark secrets/, 'validation.server.secretMarks'],
  [/^([A-Z_]+) is not configured on this server/, 'validation.server.channelOff', (m) => ({ channel: `enums.NotificationChannel.${m[1]}` })],
  [/the console always receives them/, 'validation.server.consoleAlways'],
  [/cannot be placed under itself/, 'validation.server.cycle'],
  [/must (?:not be before|be after) /, 'validation.server.order'],
  [/must not be in the past/, 'validation.server.past'],
  [/already has this value/, 'validation.server.taken'],
  [/is not active$/, 'validation.server.inactive'],
  [/^no such|^no record with id|refers to a record that does not exist|is not a valid id/, 'validation.server.unknownRecord'],
];

/** Refusals of a whole request whose code alone would mislead (e.g. CONFLICT for one's own account). */
const REFUSAL_RULES: readonly Rule[] = [
  [/cannot delete your own account/, 'errors.refusal.ownAccount'],
  [/desk is already concluded/, 'errors.refusal.deskConcluded'],
  [/idempotencyKey was already used/, 'errors.refusal.idempotencyReused'],
];

const match = (rules: readonly Rule[], text: string): LocalMessage | null => {
  for (const [pattern, key, args] of rules) {
    const found = text.match(pattern);
    if (found) return args ? { key, args: args(found) } : { key };
  }
  return null;
};

/** One field problem in the user's language (always an answer: unknown wordings get a general one). */
export const localFieldMessage = (serverText: string): LocalMessage => match(FIELD_RULES, serverText) ?? { key: 'validation.server.invalid' };

/** A specific message for a refusal of the whole request, or null when the error code says it well enough. */
export const localRefusal = (serverText: string | undefined): LocalMessage | null => (serverText ? match(REFUSAL_RULES, serverText) : null);
