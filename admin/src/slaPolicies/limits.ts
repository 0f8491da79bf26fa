/** A policy's limits, each `<key>Within` with its `<key>Unit`, and what a new policy starts with (the seeded STANDAR). */
export const SLA_LIMITS = [
  { key: 'verify', within: 3, unit: 'WORKING_DAYS' },
  { key: 'respond', within: 24, unit: 'WORKING_HOURS' },
  { key: 'followUp', within: 5, unit: 'WORKING_DAYS' },
  { key: 'settle', within: 60, unit: 'CALENDAR_DAYS' },
] as const;
