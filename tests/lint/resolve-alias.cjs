// Import resolver for eslint-plugin-boundaries: the `@/…` path alias of tsconfig.json
// (`@/*` → `./*`), then Node's resolution with TypeScript extensions. Without it, every
// `@/lib/…` import of app/ would be an unknown module and escape the layer rules.
const path = require('node:path');
const node = require('eslint-import-resolver-node');

const ROOT = path.resolve(__dirname, '..', '..');
const OPTIONS = { extensions: ['.ts', '.tsx', '.cjs', '.js', '.mjs', '.json'] };

exports.interfaceVersion = 2;
exports.resolve = (source, file) => {
  const aliased = source.startsWith('@/') ? path.join(ROOT, source.slice(2)) : source;
  return node.resolve(aliased, file, OPTIONS);
};
