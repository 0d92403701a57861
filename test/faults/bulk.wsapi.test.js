// @ts-check
// contact.check on WSAPI (POST /users/check, batches of 20 here) under injected faults.
const { defineBulkSuite } = require('./bulkSuite');

defineBulkSuite('wsapi', { concurrency: 5, batchSize: 20 });
