import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PlatformFeedback,
  PlatformNote,
  slipwayFeedbackReadPermission,
} from '@slipway/backstage-plugin-slipway-common';
import { randomUUID } from 'node:crypto';
import { Request } from 'express';
import { redactFreeText } from '../engine/redactFreeText';
import { PlatformFeedbackStore } from './PlatformFeedbackStore';

/** The longest note: a few paragraphs. */
export const MAX_NOTE_LENGTH = 2000;
/** How many notes and comments Platform → Feedback shows. */
const SHOWN = 100;

/**
 * What developers tell the platform team: anyone signed in sends a note (a pasted secret is redacted, as the platform
 * team reads it); those the policy allows (`slipway.feedback.read`) read the notes beside the runs' ratings.
 */
export class PlatformFeedbackService {
  constructor(
    private readonly deps: {
      store: PlatformFeedbackStore;
      permissions: PermissionsService;
      auditor: AuditorService;
    },
  ) {}

  async sendNote(
    input: { text: string },
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    request?: Request<any, any, any, any, any>,
  ): Promise<PlatformNote> {
    const note: PlatformNote = {
      id: randomUUID(),
      author: credentials.principal.userEntityRef,
      text: redactFreeText(input.text.trim()),
      createdAt: new Date().toISOString(),
    };
    // Low: it changes nothing but what the platform team learns (as a run's rating).
    const event = await this.deps.auditor.createEvent({
      eventId: 'slipway-platform-note',
      severityLevel: 'low',
      request,
      meta: { noteId: note.id, text: note.text },
    });
    try {
      if (!note.text)
        throw new InputError(
          'The note is empty: write what the platform team should know',
        );
      await this.deps.store.insertNote(note);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    await event.success();
    return note;
  }

  /** The last `days` days of ratings by action, rated runs' comments and notes. */
  async read(
    days: number,
    credentials: BackstageCredentials,
  ): Promise<PlatformFeedback> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: slipwayFeedbackReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        "Only the platform team reads developers' feedback: the permission policy decides who may (permission slipway.feedback.read)",
      );
    const since = new Date(Date.now() - days * 86_400_000);
    const { store } = this.deps;
    const [ratings, byWeek, comments, notes] = await Promise.all([
      store.ratings(since),
      store.byWeek(since),
      store.comments(since, SHOWN),
      store.notes(since, SHOWN),
    ]);
    return { days, ratings, byWeek, comments, notes };
  }
}
