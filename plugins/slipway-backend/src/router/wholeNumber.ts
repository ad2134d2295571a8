import { InputError } from '@backstage/errors';

/**
 * A whole-number query parameter within its bounds, or a 400 in words. The OpenAPI validation already checks the
 * bounds, but takes `1e309` for a number (Infinity), which no date arithmetic survives.
 */
export function wholeNumber(
  value: number | undefined,
  fallback: number,
  parameter: { name: string; min: number; max: number },
): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < parameter.min || n > parameter.max)
    throw new InputError(
      `${parameter.name} must be a whole number from ${parameter.min} to ${parameter.max}`,
    );
  return n;
}
