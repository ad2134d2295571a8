'use strict';

const { createApp } = require('./app');

const port = Number(process.env.PORT || 8080);
const server = createApp().listen(port, () => {
  console.log('${{ values.name }} listening on port', port);
});

// Kubernetes sends SIGTERM before it stops a pod: finish the requests in flight, then exit.
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
