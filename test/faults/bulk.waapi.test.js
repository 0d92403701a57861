// @ts-check
// contact.check on WaAPI (one get-number-id a number) under injected faults.
const { defineBulkSuite } = require('./bulkSuite');

defineBulkSuite('waapi', { concurrency: 10, batchSize: 1 });
