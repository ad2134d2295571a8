'use strict';

const http = require('node:http');

/** The HTTP server of ${{ values.name }}: `/` says who it is, `/healthz` answers the liveness and readiness probes. */
function createApp() {
  return http.createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    } else if (path === '/') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ service: '${{ values.name }}' }));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
}

module.exports = { createApp };
