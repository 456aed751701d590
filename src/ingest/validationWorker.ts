// A validation worker (validationPool.ts): validates the JSON ingest bodies it is sent, one at a time, and
// answers each with its normalised batch or the error it threw.
import { parentPort } from 'node:worker_threads';
import { normaliseJsonBody, type JsonBatchTask } from './jsonBody.js';
import { replyOfError, type ValidationReply } from './validationPool.js';

const port = parentPort!;
port.on('message', (task: JsonBatchTask) => {
  normaliseJsonBody(task).then(
    (batch) => port.postMessage({ batch } satisfies ValidationReply),
    (err: unknown) => port.postMessage(replyOfError(err)),
  );
});
