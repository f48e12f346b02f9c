// A minimal Telephony API stand-in for CPU benchmarks, run in its own process so that its CPU is
// not counted against the client under test. Prints its URL on stdout, stops on SIGTERM.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const body = JSON.stringify({
  awsHomeRegion: 'us-east-1',
  awsCoreRegions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'],
  awsSatelliteRegions: ['us-east-2', 'eu-central-1', 'ap-northeast-1'],
});

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'inin-correlation-id': randomUUID(),
      'inin-ratelimit-count': '1',
      'inin-ratelimit-allowed': '1000000',
      'inin-ratelimit-reset': '60',
    });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
