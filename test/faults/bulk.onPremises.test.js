// @ts-check
// contact.check on On-Premises (POST /v1/contacts, batches of 20 here, Bearer session) under injected faults.
const { defineBulkSuite } = require('./bulkSuite');

defineBulkSuite('onPremises', { concurrency: 5, batchSize: 20 });
