import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** The schedules that request runs themselves (`schedule:slipway/<name>`), in words. */
const SCHEDULES: Record<string, string> = { pause: 'the pause schedule' };

/**
 * Who asked for a run: a person, linked to their catalog page by their name; or one of Slipway's schedules, which
 * has no page, in words (with its reference on hover for those who look for it in the audit log).
 */
export const Requester = ({ entityRef }: { entityRef: string }) => {
  const schedule = /^schedule:slipway\/(.+)$/.exec(entityRef)?.[1];
  if (schedule)
    return (
      <span title={entityRef}>
        {SCHEDULES[schedule] ?? `the ${schedule} schedule`}
      </span>
    );
  return <EntityRefLink entityRef={entityRef} hideIcon />;
};
