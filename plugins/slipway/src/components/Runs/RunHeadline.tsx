import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { useRunWords } from './useRunWords';

/** What a run does, in a line people read: "Promote: Checkout API in Production". */
export const RunHeadline = ({ run }: { run: Run }) => {
  const words = useRunWords();
  return (
    <>
      {words.action(run.action)}
      {run.parameters.dryRun ? ' (preview)' : ''}:{' '}
      <EntityDisplayName entityRef={run.entityRef} hideIcon /> in{' '}
      {words.environment(run.environment)}
    </>
  );
};
