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

/**
 * The initializer of a `const` the argument names, so `const calls = keys.map(f); Promise.all(calls)`
 * is judged like `Promise.all(keys.map(f))`. `let`/`var` and parameters are not followed (they may
 * be reassigned or come from elsewhere).
 */
function constInitializer(context, node) {
  let scope = context.sourceCode.getScope(node);
  while (scope) {
    const variable = scope.set.get(node.name);
    if (variable) {
      const def = variable.defs[0];
      return def && def.type === 'Variable' && def.parent.kind === 'const' ? def.node.init : undefined;
    }
    scope = scope.upper;
  }
  return undefined;
}

/** True when the argument is (or spreads) a collection whose size is only known at run time. */
function isUnbounded(node, context, seen = new Set()) {
  if (!node) return false;
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return isUnbounded(node.expression, context, seen);
  if (node.type === 'Identifier' && context && !seen.has(node.name)) {
    seen.add(node.name);
    return isUnbounded(constInitializer(context, node), context, seen);
  }
  if (node.type === 'ArrayExpression') return node.elements.some((e) => e && e.type === 'SpreadElement');
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier') {
    return COLLECTION_METHODS.has(node.callee.property.name);
  }
  // Anything else (a parameter, a let, a list filled in a bounded loop such as the helper's own
  // worker list) is not judged: its size is not visible here.
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
        if (isUnbounded(node.arguments[0], context)) {
          context.report({ node, messageId: 'unbounded', data: { name: node.callee.property.name } });
        }
      },
    };
  },
};
