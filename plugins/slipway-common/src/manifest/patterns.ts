/*
 * The formats a manifest's fields must have. Each is strict on purpose: these strings end up in entity names, URLs,
 * git commits and Kubernetes objects, so anything that is not plainly valid is refused at the door.
 */

/** A lowercase DNS label (RFC 1123): what Kubernetes, Argo CD and the catalog all accept as a name. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A catalog entity reference of the given kinds: `kind:namespace/name`, `kind:name`, or just `name`. */
export function entityRefPattern(kinds: readonly string[]) {
  return new RegExp(
    `^(?:(?:${kinds.join(
      '|',
    )}):)?(?:[a-z0-9]([-a-z0-9_.]*[a-z0-9])?/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$`,
  );
}

/** A version: an image tag or a chart version (`1.4.2`, `2024-05-01.3`, `17.0.1-debian-12-r3`). @public */
export const VERSION = /^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}$/;

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
/** An image repository without tag or digest (the tag is the version of each environment). */
export const IMAGE = new RegExp(
  `^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]{1,5})?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`,
);

/** A Helm chart name. */
export const CHART_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;

/** A Helm chart repository: an HTTP(S) index or an OCI registry. */
export const CHART_REPOSITORY = /^(https?|oci):\/\/[^\s"'<>\\]+$/;

const CRON_FIELD = '(?:\\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:/[0-9]+)?';
/** A five-field cron expression, or one of the `@daily`-style shorthands. */
export const CRON = new RegExp(
  `^(?:@(?:yearly|annually|monthly|weekly|daily|midnight|hourly)|${CRON_FIELD}(?:,${CRON_FIELD})*(?:\\s+${CRON_FIELD}(?:,${CRON_FIELD})*){4})$`,
);

/** An environment variable name. */
export const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Environment variable names that hold secrets; their values belong in `spec.secrets`, not in `env`. */
export const SECRET_LOOKING_NAME =
  /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

/** A Kubernetes-style label key (optional DNS prefix) and value, as the catalog accepts them. */
export const LABEL_KEY =
  /^(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
export const LABEL_VALUE =
  /^(?:[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** A catalog tag. */
export const TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;

/** A PostgreSQL or MySQL database name that needs no quoting. */
export const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A secret store's name, and a secret's name and key within it (`prod/checkout/db`, `password`). */
export const SECRET_STORE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const SECRET_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.\/-]{0,255}$/;

/** A link: http or https only, so no `javascript:` URL reaches a page. */
export const HTTP_URL = /^https?:\/\/[^\s"'<>\\]+$/;
