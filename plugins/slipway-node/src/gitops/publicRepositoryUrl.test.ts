import { resolve } from 'node:path';
import { publicRepositoryUrl } from './gitUrls';

describe('publicRepositoryUrl', () => {
  it('never passes on credentials written into a repository URL', () => {
    expect(
      publicRepositoryUrl('https://bot:s3cret@github.com/acme/gitops.git'),
    ).toBe('https://github.com/acme/gitops.git');
  });

  it('makes a local path an absolute file:// URL', () => {
    expect(publicRepositoryUrl('../../.data/gitops.git')).toBe(
      `file://${resolve('../../.data/gitops.git')}`,
    );
    expect(publicRepositoryUrl('file:///srv/gitops.git')).toBe(
      'file:///srv/gitops.git',
    );
  });
});
