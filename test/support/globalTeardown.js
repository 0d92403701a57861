module.exports = require('./runFolder').globalTeardown;
