'use strict';
// Forbids 'arn:aws:' in string, template and regular-expression literals: ARNs must be built from the partition of
// the Region (resource-type/core/partition.ts) so the code works in aws-cn and aws-us-gov.

const NEEDLE = 'arn:aws:';

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: "disallow hard-coded 'arn:aws:' partitions in string and template literals" },
    schema: [],
    messages: {
      hardcoded:
        "Do not hard-code the partition ('arn:aws:'): build the ARN with arn()/partitionOf() from resource-type/core/partition.ts.",
    },
  },
  create(context) {
    return {
      Literal(node) {
        if (typeof node.value === 'string' && node.value.includes(NEEDLE)) context.report({ node, messageId: 'hardcoded' });
        // A pattern that only accepts the commercial partition is the same bug (e.g. /^arn:aws:iam::/).
        else if (node.regex && node.regex.pattern.includes(NEEDLE)) context.report({ node, messageId: 'hardcoded' });
      },
      TemplateElement(node) {
        const text = node.value.cooked ?? node.value.raw;
        if (text.includes(NEEDLE)) context.report({ node, messageId: 'hardcoded' });
      },
    };
  },
};
