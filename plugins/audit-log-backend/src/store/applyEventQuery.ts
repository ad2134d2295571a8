import { Knex } from 'knex';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { EventQuery, ResolvedAccessCondition } from './queryTypes';

/** Bound parameters per `IN (…)` list, safely under SQLite's limit even with several lists in one statement. */
const IN_LIST_CHUNK = 1000;

/**
 * The column the keyset runs on: the entity link table's `seq` when filtering by entity, so that PostgreSQL and
 * SQLite walk the `(entity_ref, seq)` primary key instead of scanning all events of every entity.
 */
export function seqColumnOf(query: EventQuery) {
  return query.filters.entityRef ? 'filter_entity.seq' : 'audit_events.seq';
}

function whereIn(
  builder: Knex.QueryBuilder,
  column: string,
  values: string[],
): void {
  if (values.length === 0) {
    builder.whereRaw('1 = 0');
    return;
  }
  builder.where(inner => {
    for (let i = 0; i < values.length; i += IN_LIST_CHUNK) {
      inner.orWhereIn(column, values.slice(i, i + IN_LIST_CHUNK));
    }
  });
}

function applyCondition(
  knex: Knex,
  builder: Knex.QueryBuilder,
  condition: ResolvedAccessCondition,
) {
  switch (condition.kind) {
    case 'aboutEntities':
      builder.whereExists(
        knex('audit_event_entities as access_entity')
          .select(knex.raw('1'))
          .whereRaw('access_entity.seq = audit_events.seq')
          .where(inner =>
            whereIn(inner, 'access_entity.entity_ref', condition.entityRefs),
          ),
      );
      return;
    case 'fromPlugins':
      whereIn(builder, 'audit_events.plugin_id', condition.pluginIds);
      return;
    case 'byActors':
      whereIn(builder, 'audit_events.actor_id', condition.actorIds);
      return;
    default:
      throw new Error(
        `Unsupported audit log access condition ${JSON.stringify(condition)}`,
      );
  }
}

function applyCriteria(
  knex: Knex,
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<ResolvedAccessCondition>,
): void {
  if (isAndCriteria(criteria)) {
    builder.where(inner => {
      for (const sub of criteria.allOf) {
        inner.andWhere(part => applyCriteria(knex, part, sub));
      }
    });
  } else if (isOrCriteria(criteria)) {
    builder.where(inner => {
      for (const sub of criteria.anyOf) {
        inner.orWhere(part => applyCriteria(knex, part, sub));
      }
    });
  } else if (isNotCriteria(criteria)) {
    builder.whereNot(inner => applyCriteria(knex, inner, criteria.not));
  } else {
    applyCondition(knex, builder, criteria);
  }
}

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, match => `\\${match}`);
}

/** Builds `SELECT audit_events.* FROM … WHERE <filters> AND <access>`, without order or limit. */
export function selectEvents(knex: Knex, query: EventQuery) {
  const { filters, access } = query;
  const builder = knex('audit_events').select('audit_events.*');

  if (filters.entityRef) {
    builder
      .join(
        'audit_event_entities as filter_entity',
        'filter_entity.seq',
        'audit_events.seq',
      )
      .where('filter_entity.entity_ref', filters.entityRef);
  }
  const equalities: Array<[string, string | undefined]> = [
    ['audit_events.actor_id', filters.actor],
    ['audit_events.plugin_id', filters.plugin],
    ['audit_events.event_id', filters.eventId],
    ['audit_events.environment', filters.environment],
    ['audit_events.status', filters.status],
    ['audit_events.severity', filters.severity],
    ['audit_events.operation_id', filters.operationId],
  ];
  for (const [column, value] of equalities) {
    if (value !== undefined) {
      builder.where(column, value);
    }
  }
  if (filters.from) {
    builder.where('audit_events.occurred_at', '>=', filters.from);
  }
  if (filters.to) {
    builder.where('audit_events.occurred_at', '<', filters.to);
  }
  if (filters.text) {
    builder.whereRaw(`audit_events.search_text LIKE ? ESCAPE '\\'`, [
      `%${escapeLike(filters.text)}%`,
    ]);
  }
  if (access) {
    builder.where(inner => applyCriteria(knex, inner, access));
  }
  return builder;
}
