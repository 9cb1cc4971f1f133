// Offline manifest validation (`forge lint` needs a login): the same @forge/manifest processors the
// CLI runs — full schema/module validation, then the product-trigger scope check.
// Usage: node scripts/validate-manifest.mjs [path/to/manifest.yml]   Exit 1 with the validator's messages.
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';

const manifestPath = process.argv[2] ?? 'manifest.yml';
const checks = [
  ['full validation', ValidationTypes.FULL],
  ['product-trigger scopes', ValidationTypes.PRODUCT_TRIGGER],
];

let failed = false;
for (const [name, type] of checks) {
  const result = await ProcessorBuilder.instance().withValidation(type).build().process(manifestPath);
  const errors = (result.errors ?? []).filter((e) => e.level !== 'warning');
  const warnings = (result.errors ?? []).filter((e) => e.level === 'warning');
  for (const w of warnings) console.warn(`${manifestPath}:${w.line ?? '?'}: warning: ${w.message}`);
  if (!result.success || errors.length > 0) {
    failed = true;
    for (const e of errors) console.error(`${manifestPath}:${e.line ?? '?'}:${e.column ?? '?'}: ${name}: ${e.message}`);
    if (errors.length === 0) console.error(`${manifestPath}: ${name} failed`);
  }
}
if (failed) process.exit(1);
console.log(`${manifestPath}: valid (full validation and product-trigger scopes)`);
