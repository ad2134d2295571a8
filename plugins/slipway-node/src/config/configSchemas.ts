import { DNS_LABEL } from '@slipway/backstage-plugin-slipway-common';
import { z } from 'zod';

/** A name in the configuration that ends up in URLs, namespaces and database names: a lowercase DNS label. */
export const dnsLabel = z
  .string()
  .max(63)
  .regex(DNS_LABEL, 'must be a lowercase DNS label (a-z, 0-9, -)');

/** The configuration key a zod issue is about: `slipway.environments[1].argocd.instance`. */
export function configKey(root: string, path: ReadonlyArray<PropertyKey>) {
  return path.reduce<string>(
    (key, segment) =>
      typeof segment === 'number'
        ? `${key}[${segment}]`
        : `${key}.${String(segment)}`,
    root,
  );
}
