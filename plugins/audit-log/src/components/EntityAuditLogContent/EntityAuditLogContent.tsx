import { useMemo } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AuditEventsView } from '../AuditEventsView';

/** The Activity tab of an entity page: the audit events about this entity. */
export const EntityAuditLogContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const fixedFilters = useMemo(() => ({ entityRef }), [entityRef]);
  return <AuditEventsView fixedFilters={fixedFilters} />;
};
