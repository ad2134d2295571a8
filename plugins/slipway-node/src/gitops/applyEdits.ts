import { createTwoFilesPatch } from 'diff';
import { GitOpsChange } from './types';

/** The outcome of running a change's edit functions over the current files. */
export interface EditedFile {
  path: string;
  before: string | undefined;
  after: string;
}

/** Runs each edit against the current text and keeps the files that really change. */
export async function applyEdits(
  change: GitOpsChange,
  readCurrent: (path: string) => Promise<string | undefined>,
): Promise<EditedFile[]> {
  const edited: EditedFile[] = [];
  for (const file of change.files) {
    checkPath(file.path);
    const before = await readCurrent(file.path);
    const after = file.edit(before);
    if (after !== undefined && after !== before)
      edited.push({ path: file.path, before, after });
  }
  return edited;
}

/** A unified diff of the edited files, like `git diff`. */
export function diffOf(files: EditedFile[]): string {
  return files
    .map(file =>
      createTwoFilesPatch(
        file.before === undefined ? '/dev/null' : `a/${file.path}`,
        `b/${file.path}`,
        file.before ?? '',
        file.after,
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, ''),
    )
    .join('');
}

/** Repository paths come from manifests and templates: keep them inside the repository. */
export function checkPath(path: string) {
  if (
    !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path) ||
    path
      .split('/')
      .some(part => part === '..' || part === '.' || part.startsWith('.git'))
  ) {
    throw new Error(
      `"${path}" is not a plain relative path inside the repository`,
    );
  }
}
