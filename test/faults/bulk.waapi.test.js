// @ts-check
// contact.check on WaAPI (one number a request: is-registered-user, then get-number-id) under injected faults.
const { defineBulkSuite } = require('./bulkSuite');

defineBulkSuite('waapi', { concurrency: 10, batchSize: 1 });
