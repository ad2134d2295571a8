/*
 * The `slipway` command. `slipway lint <dir>` checks every manifest of a GitOps repository with the same parser and
 * messages as the portal, so a repository can check each pull request. Exit codes: 0 clean, 1 problems, 2 misuse.
 */
import { Command, InvalidArgumentError } from 'commander';
import { lint, UsageError } from './lint';

const program = new Command('slipway')
  .description("Slipway's command line")
  .showHelpAfterError()
  .exitOverride();

program
  .command('lint')
  .description('Check the application manifests under a directory')
  .argument(
    '<directory>',
    'root of the GitOps repository (or any folder of manifests)',
  )
  .option(
    '--environments <names>',
    'comma-separated environment names manifests may use',
    value => {
      const names = value
        .split(',')
        .map(v => v.trim())
        .filter(Boolean);
      if (!names.length)
        throw new InvalidArgumentError('give at least one environment name');
      return names;
    },
  )
  .option(
    '--config <file...>',
    'app-config files to read slipway.environments from (later files win)',
  )
  .option('--format <format>', 'text or json', 'text')
  .action(async (directory: string, opts) => {
    if (!['text', 'json'].includes(opts.format))
      throw new UsageError('--format must be text or json');
    process.exitCode = await lint(
      {
        directory,
        environments: opts.environments,
        configFiles: opts.config,
        format: opts.format,
      },
      line => process.stdout.write(`${line}\n`),
    );
  });

program.parseAsync(process.argv).catch(error => {
  if (error instanceof UsageError) {
    process.stderr.write(`slipway: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error?.code?.startsWith?.('commander.')) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`slipway: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  }
});
