// Starts CongoDB, a MongoDB wire-protocol server held in memory, for Sentinel's feedback store tests.
//
//   node server.mjs <port>      (0 picks a free port)
//
// Prints one line "congodb listening on 127.0.0.1:<port>" once it accepts connections, and stops on
// SIGTERM, SIGINT or when its standard input closes (so it never outlives the test process that started it).
import { CongoServer } from '@push.rocks/smartmongo/dist_ts/congodb/index.js';
import { MemoryStorageAdapter } from '@push.rocks/smartmongo/dist_ts/congodb/storage/MemoryStorageAdapter.js';

// CongoDB keys every document by an ObjectId (it turns any other _id into one, and fails on a string). MongoDB takes a
// string _id, and Sentinel's shadow_predictions uses one ("{prediction_id}/{role}") so a retried insert is refused as a
// duplicate: keep string ids as they are, keyed apart from ObjectIds, with the duplicate check CongoDB does for its own.
Object.defineProperty(String.prototype, 'toHexString', { value() { return `string:${this}`; }, enumerable: false });
const insertObjectId = MemoryStorageAdapter.prototype.insertOne;
MemoryStorageAdapter.prototype.insertOne = async function insertOne(dbName, collName, doc) {
  if (typeof doc._id !== 'string') return insertObjectId.call(this, dbName, collName, doc);
  const collection = this.ensureCollection(dbName, collName);
  const key = doc._id.toHexString();
  if (collection.has(key)) throw new Error(`Duplicate key error: _id ${doc._id}`);
  const stored = { ...doc };
  collection.set(key, stored);
  return stored;
};

const port = Number.parseInt(process.argv[2] ?? '0', 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`usage: node server.mjs <port>  (got "${process.argv[2]}")`);
  process.exit(2);
}

const server = new CongoServer({ port, host: '127.0.0.1' });
await server.start();
const address = server.server.address();
console.log(`congodb listening on 127.0.0.1:${address.port}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
