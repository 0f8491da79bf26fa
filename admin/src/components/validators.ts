import { regex } from 'react-admin';

const get = (values: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((acc, key) => (acc == null ? acc : (acc as Record<string, unknown>)[key]), values);

export const validCode = regex(/^[A-Za-z0-9._-]+$/, 'validation.code');
export const validTime = regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'validation.time');
export const validRw = regex(/^\d{1,3}$/, 'validation.rw');
export const validRegionCode = regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'validation.regionCode');
// The server's own pattern (users and complaints inputs): anything else would only be refused there.
export const validPhone = regex(/^\+?[0-9 -]{6,20}$/, 'validation.phone');
export const validUsername = regex(/^[a-z0-9._-]{3,}$/, 'validation.username');

/**
 * At least `min` characters once trimmed, as the server counts them (a title of "   abc  "
 * is three characters there). An empty value is left to `required()`.
 */
export const minText = (min: number) => (value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.trim().length < min ? { message: 'ra.validation.minLength', args: { min } } : undefined;

export const positive = (value: unknown) => (value != null && value !== '' && Number(value) <= 0 ? 'validation.positive' : undefined);

/**
 * Compare with a sibling input of the same object (e.g. `closesAt` after `opensAt` in one
 * schedule row). Values compare as strings: fine for "HH:MM" and "YYYY-MM-DD".
 */
export const notBeforeSibling =
  (sibling: string, message: string, allowEqual = false) =>
  (value: unknown, values: unknown, props?: { finalSource?: string; source?: string }) => {
    const source = props?.finalSource ?? props?.source;
    if (!value || !source) return undefined;
    const other = get(values, source.replace(/[^.]+$/, sibling));
    if (!other) return undefined;
    const a = String(value);
    const b = String(other);
    return a < b || (!allowEqual && a === b) ? message : undefined;
  };
