#!/usr/bin/env node
/*
 * Applies docs/install.md to a Backstage app, the way a platform engineer follows it: every fenced code block whose
 * info string says `install-step`, in the page's order. So the guide cannot drift from what the install test proves.
 *
 *   ```sh install-step run                                   runs the block with bash in the app's folder
 *   ```ts install-step imports <file>                        adds the lines after the file's last import
 *   ```ts install-step before-start <file>                   adds the lines before `backend.start();`
 *   ```yaml install-step append <file>                       appends the block to the file
 *
 * Usage: node apply-guide.mjs <guide.md> <app folder>
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The guide's steps, in order: `{ kind, file, code, line }`. Throws on a step it does not understand. */
export function readSteps(markdown) {
  const steps = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s+install-step\s+(\S+)(?:\s+(\S+))?\s*$/.exec(
      lines[i],
    );
    if (!open) continue;
    const [, , kind, file] = open;
    if (!['run', 'imports', 'before-start', 'append'].includes(kind))
      throw new Error(`line ${i + 1}: unknown install-step "${kind}"`);
    if (kind !== 'run' && !file)
      throw new Error(`line ${i + 1}: install-step ${kind} needs a file`);
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`line ${i + 1}: code block is not closed`);
    steps.push({
      kind,
      file,
      code: lines.slice(i + 1, end).join('\n'),
      line: i + 1,
    });
    i = end;
  }
  return steps;
}

function insert(path, code, where) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  let at;
  if (where === 'imports') {
    at = lines.findLastIndex(l => /^import .* from '.*';$/.test(l)) + 1;
    if (at === 0) throw new Error(`${path} has no import lines`);
  } else {
    at = lines.findIndex(l => l.trim() === 'backend.start();');
    if (at < 0) throw new Error(`${path} has no "backend.start();" line`);
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
  else insert(path, step.code, step.kind);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [guide, appDir] = process.argv.slice(2);
  const steps = readSteps(readFileSync(guide, 'utf8'));
  for (const [n, step] of steps.entries()) {
    console.log(
      `[install-test] guide step ${n + 1}/${steps.length} (line ${
        step.line
      }): ${step.kind} ${step.file ?? ''}`,
    );
    applyStep(step, appDir);
  }
}
