#!/usr/bin/env node
/*
 * `yarn test:all`: every test of the repository, the way CI runs them — unit and backend tests (Jest, every database
 * test on SQLite and PostgreSQL), then the browser tests (Playwright) — and a summary of the counts at the end.
 * It fails when PostgreSQL is not configured, because the PostgreSQL cases would otherwise be skipped silently.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reportDir = join(root, 'node_modules/.cache/slipway-test-all');
const jestReport = join(reportDir, 'jest.json');
const playwrightReport = join(reportDir, 'playwright.json');
const skipBrowser = process.argv.includes('--no-browser');

if (!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
  console.error(
    'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set, so the PostgreSQL tests would be skipped.\n' +
      'Set it to a PostgreSQL 15 server whose user may create databases, e.g.\n' +
      '  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres:secret@127.0.0.1:5432\n' +
      'and BACKSTAGE_TEST_DISABLE_DOCKER=1 when Docker is not available (see README.md, "Testing").',
  );
  process.exit(2);
}

rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CI: 'true', ...env },
  });
  return result.status ?? 1;
}

const jestStatus = run('yarn', [
  'backstage-cli',
  'repo',
  'test',
  '--json',
  `--outputFile=${jestReport}`,
  // Jest's cache goes with this checkout: in /tmp (its default) each CI clone added a gigabyte that nothing removed.
  `--cacheDirectory=${join(root, 'node_modules/.cache/jest')}`,
]);
const playwrightStatus = skipBrowser
  ? 0
  : run('yarn', ['playwright', 'test'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
    });

const summary = [];
let failed = jestStatus !== 0 || playwrightStatus !== 0;

if (existsSync(jestReport)) {
  const jest = JSON.parse(readFileSync(jestReport, 'utf8'));
  const tests = jest.testResults.flatMap(file => file.assertionResults);
  // TestDatabases cases are named POSTGRES_15; the database-copy tests, which need a real server, say PostgreSQL.
  const onPostgres = tests.filter(t => /POSTGRES|PostgreSQL/.test(t.fullName));
  const pgPassed = onPostgres.filter(t => t.status === 'passed').length;
  summary.push(
    `unit and backend tests: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ` +
      `${jest.numPendingTests + jest.numTodoTests} skipped, ${
        jest.numTotalTests
      } total ` +
      `(${jest.numTotalTestSuites} files)`,
    `  of which on PostgreSQL 15: ${pgPassed} passed of ${onPostgres.length}`,
  );
  if (onPostgres.length === 0 || pgPassed === 0) {
    summary.push('  no PostgreSQL test ran: that counts as a failure');
    failed = true;
  }
} else {
  summary.push('unit and backend tests: no report (Jest did not finish)');
  failed = true;
}

if (!skipBrowser) {
  if (existsSync(playwrightReport)) {
    const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    summary.push(
      `browser tests: ${stats.expected} passed, ${stats.unexpected} failed, ` +
        `${stats.flaky} flaky, ${stats.skipped} skipped`,
    );
    if (stats.expected === 0) failed = true;
    if (stats.unexpected > 0) {
      summary.push('  the portal log is in e2e-test-results/portal-7077.log');
    }
  } else {
    summary.push('browser tests: no report (Playwright did not finish)');
    failed = true;
  }
}

console.log(`\n===== test summary =====\n${summary.join('\n')}`);
console.log(failed ? 'RESULT: FAILED' : 'RESULT: PASSED');
process.exit(failed ? 1 : 0);
