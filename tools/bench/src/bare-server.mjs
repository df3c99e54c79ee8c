// The practical limit: node:http answering a fixed JSON body, nothing else.
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const body = process.argv[3] ?? '{"ok":true}';
const length = String(Buffer.byteLength(body));
createServer((_req, res) => {
  res.writeHead(200, ['content-type', 'application/json', 'content-length', length]);
  res.end(body);
}).listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
