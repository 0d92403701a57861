module.exports = require('./runFolder').globalSetup;
