import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  AuditEventFilters,
  AuditEventSuggestions,
} from '@slipway/backstage-plugin-audit-log-common';
import { auditLogApiRef } from '../../api';
import { FilterSuggestions } from './filterSuggestions';
import { Suggestion } from './SuggestionField';

/**
 * Loads what the filters suggest within `scope` (an entity page's entity, whether reads are shown), with people by
 * their names from the catalog. Suggestions are a help: when they cannot be loaded the fields still take any text.
 */
export function useFilterSuggestions(
  scope: AuditEventFilters,
): FilterSuggestions | undefined {
  const api = useApi(auditLogApiRef);
  const apis = useApiHolder();
  const scopeKey = JSON.stringify(scope);
  const { value } = useAsync(async () => {
    const suggestions = await api.getSuggestions({ filters: scope });
    const presentation = apis.get(entityPresentationApiRef);
    const actors = await Promise.all(
      suggestions.actors.map(actor => actorSuggestion(actor, presentation)),
    );
    return { actors, actions: suggestions.actions };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, apis, scopeKey]);
  return value;
}

async function actorSuggestion(
  actor: AuditEventSuggestions['actors'][number],
  presentation: typeof entityPresentationApiRef.T | undefined,
): Promise<Suggestion> {
  if (actor.type !== 'user') {
    return { value: actor.id, label: actor.id, detail: 'service' };
  }
  try {
    const { primaryTitle } = presentation
      ? await presentation.forEntity(actor.id).promise
      : defaultEntityPresentation(actor.id);
    return { value: actor.id, label: primaryTitle, detail: actor.id };
  } catch {
    return { value: actor.id, label: actor.id };
  }
}
