#!/usr/bin/env node
/*
 * Applies docs/install.md to a Backstage app, the way a platform engineer follows it: every fenced code block whose
 * info string says `install-step`, in the page's order. So the guide cannot drift from what the install test proves.
 *
 *   ```sh install-step run                        runs the block with bash in the app's folder
 *   ```ts install-step imports <file>             adds the lines after the file's last one-line import
 *   ```ts install-step before-start <file>        adds the lines before `backend.start();`
 *   ```tsx install-step before '<line>' <file>    adds the lines before the first line that is <line> (trimmed)
 *   ```tsx install-step after '<line>' <file>     … after it
 *   ```yaml install-step append <file>            appends the block to the file
 *
 * A step for one frontend system only says so first: `install-step classic …` or `install-step new …`.
 *
 * Usage: node apply-guide.mjs <guide.md> <app folder> <new|classic>
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KINDS = ['run', 'imports', 'before-start', 'before', 'after', 'append'];

/** The guide's steps, in order: `{ kind, file, code, line }`. Throws on a step it does not understand. */
export function readSteps(markdown, frontend) {
  const steps = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open =
      /^```\w+\s+install-step\s+(?:(new|classic)\s+)?(\S+)(?:\s+'([^']+)')?(?:\s+(\S+))?\s*$/.exec(
        lines[i],
      );
    if (!open) continue;
    const [, only, kind, anchor, file] = open;
    if (!KINDS.includes(kind))
      throw new Error(`line ${i + 1}: unknown install-step "${kind}"`);
    if (kind !== 'run' && !file)
      throw new Error(`line ${i + 1}: install-step ${kind} needs a file`);
    if (['before', 'after'].includes(kind) && !anchor)
      throw new Error(`line ${i + 1}: install-step ${kind} needs a 'line'`);
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`line ${i + 1}: code block is not closed`);
    if (!only || only === frontend)
      steps.push({
        kind,
        anchor,
        file,
        code: lines.slice(i + 1, end).join('\n'),
        line: i + 1,
      });
    i = end;
  }
  return steps;
}

function insert(path, code, kind, anchor) {
  const lines = readFileSync(path, 'utf8').split('\n');
  let at;
  if (kind === 'imports') {
    at = lines.findLastIndex(l => /^import .* from '.*';$/.test(l)) + 1;
    if (at === 0) throw new Error(`${path} has no one-line import`);
  } else {
    const line = kind === 'before-start' ? 'backend.start();' : anchor;
    at = lines.findIndex(l => l.trim() === line);
    if (at < 0) throw new Error(`${path} has no line "${line}"`);
    if (kind === 'after') at++;
  }
  lines.splice(at, 0, code);
  writeFileSync(path, lines.join('\n'));
}

export function applyStep(step, appDir) {
  const path = step.file && join(appDir, step.file);
  if (step.kind === 'run')
    execFileSync('bash', ['-euo', 'pipefail', '-c', step.code], {
      cwd: appDir,
      stdio: 'inherit',
    });
  else if (step.kind === 'append') appendFileSync(path, `\n${step.code}\n`);
  else insert(path, step.code, step.kind, step.anchor);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [guide, appDir, frontend] = process.argv.slice(2);
  if (!['new', 'classic'].includes(frontend))
    throw new Error(
      'The third argument is the frontend system: new or classic',
    );
  const steps = readSteps(readFileSync(guide, 'utf8'), frontend);
  for (const [n, step] of steps.entries()) {
    console.log(
      `[install-test] guide step ${n + 1}/${steps.length} (line ${
        step.line
      }): ${step.kind} ${step.file ?? ''}`,
    );
    applyStep(step, appDir);
  }
}
