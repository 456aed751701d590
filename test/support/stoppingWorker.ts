// The validation worker, stopping its thread when it is sent the one-byte body "!": how the tests of the
// validation pool make a worker die in the middle of a batch.
import { parentPort } from 'node:worker_threads';
import '../../src/ingest/validationWorker.js';

parentPort!.on('message', (task: { bytes: Uint8Array }) => {
  if (task.bytes.length === 1 && task.bytes[0] === 0x21) process.exit(1);
});
