import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const step = (input: Record<string, unknown>) =>
  yaml.stringify({
    steps: [
      {
        id: 'publish',
        action: 'slipway:publish:local',
        name: 'Create the repository',
        input,
      },
    ],
  });

/**
 * Examples of `slipway:publish:local`, shown in the portal's action list. publishLocal.examples.test.ts runs every
 * one of them and clones the repository it made.
 */
export const examples: TemplateExample[] = [
  {
    description: 'Publish the whole workspace as a new repository',
    example: step({ name: 'invoice-api' }),
  },
  {
    description:
      'Publish one folder of the workspace, with a description, a branch and a first commit message of your own',
    example: step({
      name: 'invoice-api',
      sourcePath: 'service',
      description: 'Issues and lists invoices',
      defaultBranch: 'trunk',
      gitCommitMessage: 'Create invoice-api from the New service template',
      gitAuthorName: 'Platform team',
      gitAuthorEmail: 'platform@acme.example',
    }),
  },
];
