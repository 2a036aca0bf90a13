// Jest transformer: TypeScript -> CommonJS with esbuild (type-checking is `npm run typecheck`).
// Legacy decorators and `useDefineForClassFields: false` must match the Lambda bundle.
const { transformSync } = require('esbuild');

const tsconfigRaw = { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } };

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.tsx') ? 'tsx' : 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      keepNames: true,
      tsconfigRaw,
    });
    return { code: result.code };
  },
};
