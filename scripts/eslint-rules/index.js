'use strict';
// Project-specific lint rules (see docs/dev/TEAM-RULES.md "Code rules").
module.exports = {
  meta: { name: 'servicekmskeys' },
  rules: {
    'no-hardcoded-partition': require('./no-hardcoded-partition'),
    'no-unbounded-promise-all': require('./no-unbounded-promise-all'),
  },
};
