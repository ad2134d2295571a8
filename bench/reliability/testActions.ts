/*
 * The test actions of bench/reliability. Each executor writes a journal line when it starts (and, for the locked one,
 * when it ends), so that after kill -9 the scripts can count how often each run — and each step of a resumable run —
 * was really executed.
 */
import type {
  ActionDefinition,
  ActionExecutor,
} from '@slipway/backstage-plugin-slipway-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

/** One line of the journal. */
export interface JournalLine {
  run: string;
  action: string;
  attempt: number;
  /** What started or ended: 'execute', 'step-1'…, or 'end' (locked only). */
  what: string;
  at: number;
  pid?: number;
}

export const RESUMABLE_STEPS = 3;

const between = (min: number, max: number) =>
  min + Math.floor(Math.random() * (max - min));

const definition = (
  id: string,
  description: string,
  options: { mutating: boolean; resumable: boolean },
): ActionDefinition<Record<string, never>> => ({
  id,
  title: id,
  description,
  parameters: z.strictObject({}),
  timeoutSeconds: 60,
  defaultExecutor: id,
  ...options,
});

export function testActions(journal: (line: JournalLine) => void): {
  definitions: ActionDefinition<any>[];
  executors: ActionExecutor<any>[];
} {
  const note = (ctx: Parameters<ActionExecutor['execute']>[0], what: string) =>
    journal({
      run: ctx.run.id,
      action: ctx.run.action,
      attempt: ctx.run.attempt,
      what,
      at: Date.now(),
    });
  const executor = (
    id: string,
    execute: ActionExecutor['execute'],
  ): ActionExecutor<any> => ({ id, action: id, execute });
  return {
    definitions: [
      definition('soak-noop', 'Does nothing at once', {
        mutating: false,
        resumable: false,
      }),
      definition(
        'soak-resumable',
        `${RESUMABLE_STEPS} checkpointed steps of 150-400 ms; resumes after a crash`,
        { mutating: false, resumable: true },
      ),
      definition(
        'soak-fragile',
        'Works 300-1,200 ms and cannot resume: a crash interrupts it',
        { mutating: false, resumable: false },
      ),
      definition('soak-locked', "Holds the environment's lock for 30-80 ms", {
        mutating: true,
        resumable: false,
      }),
    ],
    executors: [
      executor('soak-noop', async ctx => {
        note(ctx, 'execute');
        return { summary: 'nothing done' };
      }),
      executor('soak-resumable', async ctx => {
        for (let step = 1; step <= RESUMABLE_STEPS; step++)
          await ctx.checkpoint(`step-${step}`, async () => {
            note(ctx, `step-${step}`);
            await sleep(between(150, 400), undefined, { signal: ctx.signal });
            return step;
          });
        return { summary: `${RESUMABLE_STEPS} steps done` };
      }),
      executor('soak-fragile', async ctx => {
        note(ctx, 'execute');
        await sleep(between(300, 1200), undefined, { signal: ctx.signal });
        return { summary: 'worked' };
      }),
      executor('soak-locked', async ctx => {
        note(ctx, 'execute');
        await sleep(between(30, 80), undefined, { signal: ctx.signal });
        note(ctx, 'end');
        return { summary: 'held the lock' };
      }),
    ],
  };
}
