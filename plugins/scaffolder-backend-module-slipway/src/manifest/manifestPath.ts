import { InputError } from '@backstage/errors';

const PLAIN_PATH =
  /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

const folder = (root: string) => root.replace(/^\/+|\/+$/g, '');

/**
 * Where a new application's manifest goes by default: `apps/<system>/<name>.yaml` under the folder the catalog reads
 * (`slipway.gitops.path`), the layout of examples/gitops.
 */
export function defaultManifestPath(options: {
  name: string;
  system: string;
  /** `slipway.gitops.path`: the folder the catalog reads ('' for the whole repository). */
  root: string;
}): string {
  const root = folder(options.root);
  return `${root ? `${root}/` : ''}apps/${options.system}/${options.name}.yaml`;
}

/**
 * A manifest path must be a plain `.yaml` path inside the folder the catalog reads, or the catalog would never read
 * the file (folders starting with a dot are skipped too). Throws an InputError that says which rule it breaks.
 */
export function checkManifestPath(path: string, root: string): void {
  if (!PLAIN_PATH.test(path) || path.split('/').includes('..')) {
    throw new InputError(
      `manifestPath: "${path}" must be a relative path of plain names (letters, digits, ".", "_", "-"), none starting with a dot`,
    );
  }
  if (!/\.ya?ml$/.test(path)) {
    throw new InputError(`manifestPath: "${path}" must end in .yaml or .yml`);
  }
  const prefix = folder(root);
  if (prefix && !path.startsWith(`${prefix}/`)) {
    throw new InputError(
      `manifestPath: "${path}" is outside ${prefix}/, the folder of the GitOps repository the catalog reads (slipway.gitops.path)`,
    );
  }
}
