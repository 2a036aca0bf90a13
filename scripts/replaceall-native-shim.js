// Stands in for the `string.prototype.replaceall` polyfill in the Lambda bundle. The registry lib
// calls it as replaceAll(string, search, replacement); Node.js 22 has String.prototype.replaceAll,
// and the polyfill's es-abstract dependency tree costs ~50 KB of bundle for nothing.
module.exports = function replaceAll(original, search, replacement) {
  return String.prototype.replaceAll.call(original, search, replacement);
};
