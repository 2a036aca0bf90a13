'use strict';
// Forbids Promise.all/allSettled/any/race over a collection built at run time, such as
// `Promise.all(keys.map(...))`: KMS throttles bursts, and the number of keys, Regions or accounts
// is not bounded. Use the bounded-concurrency helper instead. A literal array of calls is fine.

const COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
const COLLECTION_METHODS = new Set(['map', 'flatMap', 'filter', 'concat', 'from']);

function isPromiseCombinator(callee) {
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Promise' &&
    callee.property.type === 'Identifier' &&
    COMBINATORS.has(callee.property.name)
  );
}

/** True when the argument is (or spreads) a collection whose size is only known at run time. */
function isUnbounded(node) {
  if (!node) return false;
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return isUnbounded(node.expression);
  if (node.type === 'ArrayExpression') return node.elements.some((e) => e && e.type === 'SpreadElement');
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier') {
    return COLLECTION_METHODS.has(node.callee.property.name);
  }
  // A variable (e.g. the worker list inside the bounded helper itself) is not judged: its size is not visible here.
  return false;
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'disallow unbounded Promise.all (and friends) over collections' },
    schema: [],
    messages: {
      unbounded:
        'Promise.{{name}} over a collection runs every item at once; use the bounded-concurrency helper (mapBounded in resource-type/gateway/concurrency.ts) instead.',
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        if (!isPromiseCombinator(node.callee)) return;
        if (isUnbounded(node.arguments[0])) {
          context.report({ node, messageId: 'unbounded', data: { name: node.callee.property.name } });
        }
      },
    };
  },
};
