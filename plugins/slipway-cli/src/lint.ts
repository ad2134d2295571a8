import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  compareProblems,
  formatProblem,
} from '@slipway/backstage-plugin-slipway-common';
import { readManifestDirectory } from '@slipway/backstage-plugin-slipway-node';
import { parse } from 'yaml';

/** What `slipway lint` was asked to do. */
export interface LintOptions {
  directory: string;
  /** Environment names allowed in manifests (`--environments dev,staging,prod`). */
  environments?: string[];
  /** App config files to take `slipway.environments[].name` from (`--config app-config.yaml`). */
  configFiles?: string[];
  format: 'text' | 'json';
}

/** Thrown for a wrong invocation (exit code 2), as opposed to problems found in manifests (exit code 1). */
export class UsageError extends Error {}

function environmentsFromConfig(files: string[]): string[] | undefined {
  let names: string[] | undefined;
  for (const file of files) {
    if (!existsSync(file))
      throw new UsageError(`config file ${file} does not exist`);
    const config = parse(readFileSync(file, 'utf8'));
    const environments = config?.slipway?.environments;
    // Later files replace the list, as Backstage layers configuration.
    if (Array.isArray(environments))
      names = environments.map((e: { name?: unknown }) => String(e?.name));
  }
  return names;
}

/** Lints every manifest under a directory; returns the process exit code and writes the report to `out`. */
export async function lint(
  options: LintOptions,
  out: (line: string) => void,
): Promise<number> {
  const directory = resolve(options.directory);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new UsageError(`${options.directory} is not a directory`);
  }
  const environments =
    options.environments ?? environmentsFromConfig(options.configFiles ?? []);
  const set = await readManifestDirectory(directory, { environments });
  const problems = [...set.problems].sort(compareProblems);
  const rejected = new Set(
    problems.filter(p => p.severity === 'error').map(p => p.path),
  ).size;

  if (options.format === 'json') {
    out(
      JSON.stringify(
        {
          applications: set.applications.length,
          systems: set.systems.length,
          rejected,
          problems,
        },
        null,
        2,
      ),
    );
  } else {
    problems.forEach(problem => out(formatProblem(problem)));
    const plural = (n: number, word: string) =>
      `${n} ${word}${n === 1 ? '' : 's'}`;
    const unchecked = environments
      ? ''
      : ' (environment names not checked: pass --environments or --config)';
    out(
      `${set.applications.length} applications and ${set.systems.length} systems valid, ` +
        `${plural(rejected, 'file')} rejected, ${plural(
          problems.length,
          'problem',
        )}${unchecked}`,
    );
  }
  return problems.length ? 1 : 0;
}
