import { useMemo } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AuditEventFilters } from '@slipway/backstage-plugin-audit-log-common';
import { AuditEventsView } from '../AuditEventsView';

/** Every page view reads the entity several times; the tab is about what changed. */
const CHANGES_ONLY: AuditEventFilters = { minSeverity: 'medium' };

/**
 * The Activity tab of an entity page: the audit events about this entity, changes only until the reader turns on
 * "Show reads".
 */
export const EntityAuditLogContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const fixedFilters = useMemo(() => ({ entityRef }), [entityRef]);
  return (
    <AuditEventsView
      fixedFilters={fixedFilters}
      defaultFilters={CHANGES_ONLY}
    />
  );
};
