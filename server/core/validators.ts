import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Length after trimming, since names are stored trimmed: "   " is not a name. */
export function TrimmedLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'trimmedLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length >= min && value.trim().length <= max,
        defaultMessage: (args) => `${args?.property} must be ${min}–${max} characters, not counting surrounding spaces`,
      },
    },
    options,
  );
}
