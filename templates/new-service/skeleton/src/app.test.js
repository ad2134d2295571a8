'use strict';

const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');
const { createApp } = require('./app');

let server;
let base;

before(async () => {
  server = createApp();
  await new Promise(resolve => server.listen(0, resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise(resolve => server.close(resolve)));

test('GET / names the service', async () => {
  const res = await fetch(`${base}/`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { service: '${{ values.name }}' });
});

test('GET /healthz answers the probes', async () => {
  const res = await fetch(`${base}/healthz`);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'ok');
});

test('an unknown path is 404', async () => {
  const res = await fetch(`${base}/nope`);
  assert.equal(res.status, 404);
});
