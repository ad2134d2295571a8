import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The GitOps repository's URL as templates may write it into new repositories (slipway.env): a local path becomes an
 * absolute file:// URL (a relative one means nothing to a build pipeline), and credentials in a URL are dropped.
 */
export function publicRepositoryUrl(url: string) {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    return pathToFileURL(isAbsolute(url) ? url : resolve(url)).href;
  }
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}
