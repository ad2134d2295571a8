import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Is this a repository on this machine (a `file://` URL or a path)? */
export function isLocal(url: string) {
  return url.startsWith('file://') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

/** A local path becomes an absolute `file://` URL (shallow clones only work through that transport). */
export function normalizeRepositoryUrl(url: string, cwd = process.cwd()) {
  if (!isLocal(url) || url.startsWith('file://')) return url;
  return pathToFileURL(isAbsolute(url) ? url : resolve(cwd, url)).href;
}

/** The web page of a repository on GitHub-like and GitLab hosts (`https://host/org/repo`), if any. */
export function webUrlOf(url: string): string | undefined {
  const match = /^https:\/\/([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(url);
  return match ? `https://${match[1]}/${match[2]}` : undefined;
}

/**
 * The repository's URL as it may be shown or written anywhere (a log line, a new repository's slipway.env): a local
 * path becomes an absolute file:// URL (a relative one means nothing elsewhere), and credentials in a URL are dropped.
 *
 * @public
 */
export function publicRepositoryUrl(url: string) {
  if (isLocal(url)) return normalizeRepositoryUrl(url);
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}
