import { AuditEventFilters } from '@slipway/backstage-plugin-audit-log-common';
import { Suggestion } from './SuggestionField';

/**
 * What the filter fields offer: people and services by the names people know (see `useFilterSuggestions`), and the
 * actions (a plugin's event id) recorded, the most recently seen first.
 */
export type FilterSuggestions = {
  actors: Suggestion[];
  actions: Array<{ plugin: string; eventId: string }>;
};

/**
 * The suggestions of one text filter (none yet while they load), or `undefined` for a field that has none: a field
 * must not change from one kind to the other while someone types in it.
 */
export function suggestionsFor(
  key: keyof AuditEventFilters,
  suggestions: FilterSuggestions | undefined,
  draft: AuditEventFilters,
): Suggestion[] | undefined {
  const { actors, actions } = suggestions ?? { actors: [], actions: [] };
  switch (key) {
    case 'actor':
      return actors;
    case 'plugin':
      return [...new Set(actions.map(a => a.plugin))].map(plugin => ({
        value: plugin,
        label: plugin,
      }));
    case 'eventId': {
      // Event ids of the chosen plugin only; the same event id may come from several plugins.
      const pluginsOf = new Map<string, string[]>();
      for (const { plugin, eventId } of actions) {
        if (!draft.plugin || draft.plugin === plugin) {
          pluginsOf.set(eventId, [...(pluginsOf.get(eventId) ?? []), plugin]);
        }
      }
      return [...pluginsOf].map(([eventId, plugins]) => ({
        value: eventId,
        label: eventId,
        detail: plugins.join(', '),
      }));
    }
    default:
      return undefined;
  }
}
