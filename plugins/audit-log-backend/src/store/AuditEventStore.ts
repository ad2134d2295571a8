import {
  AuditChainVerification,
  AuditEvent,
  AuditEventSuggestions,
} from '@slipway/backstage-plugin-audit-log-common';
import { AuditRecord } from '../types';
import { EventQuery, PageCursor } from './queryTypes';

/**
 * One page of events, newest first, with the cursors of its neighbours.
 *
 * @public
 */
export type AuditEventStorePage = {
  items: AuditEvent[];
  older?: PageCursor;
  newer?: PageCursor;
};

/**
 * Where audit events live: an append-only hash chain with filtered, keyset-paged reads.
 *
 * @public
 */
export interface AuditEventStore {
  /** Appends a record to the chain; resolves with its sequence once it is committed. */
  append(record: AuditRecord): Promise<number>;

  /** One page of the events matching the query, newest first. */
  listEvents(
    query: EventQuery,
    page: { cursor?: PageCursor; limit: number },
  ): Promise<AuditEventStorePage>;

  /** The event with this sequence if it exists and matches the query. */
  getEvent(seq: number, query: EventQuery): Promise<AuditEvent | undefined>;

  /** The events with these sequences, in the given order (`undefined` where there is none). */
  getEventsBySeq(seqs: number[]): Promise<Array<AuditEvent | undefined>>;

  /** Every event matching the query, oldest first, read in batches as the consumer pulls. */
  streamEvents(query: EventQuery): AsyncIterable<AuditEvent>;

  /** The actors and actions of the latest events matching the query, the most recently seen first. */
  suggest(query: EventQuery): Promise<AuditEventSuggestions>;

  /** Walks the whole chain, stores the result as the latest verification, and returns it. */
  verifyChain(): Promise<AuditChainVerification>;

  /** The result of the latest verification, if one ran. */
  getLatestVerification(): Promise<AuditChainVerification | undefined>;

  /** Removes the events that occurred before `cutoff`, keeping the rest of the chain verifiable. */
  purgeBefore(cutoff: Date): Promise<{ removed: number }>;

  /** How many people acted per week (Monday, UTC) since the week of `since`; weeks with any only, oldest first. */
  activePeople(since: Date): Promise<Array<{ week: string; people: number }>>;
}
