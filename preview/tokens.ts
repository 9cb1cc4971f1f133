/**
 * The design-token CSS Jira loads into an app's frame when the app enables theming: the light and
 * dark colour themes plus spacing, typography, shape and motion, taken from @atlaskit/tokens.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape', 'atlassian-motion'];

/** Each generated theme module is `export default "<css>";` with a JSON-compatible string literal. */
const DEFAULT_EXPORT = /export default ("(?:[^"\\]|\\.)*");/;

function themeCss(root: string, theme: string): string {
  const file = path.join(root, 'node_modules', '@atlaskit', 'tokens', 'dist', 'esm', 'artifacts', 'themes', `${theme}.js`);
  const literal = DEFAULT_EXPORT.exec(readFileSync(file, 'utf8'))?.[1];
  if (literal === undefined) throw new Error(`@atlaskit/tokens theme ${theme}: no CSS in ${file}`);
  return JSON.parse(literal) as string;
}

export function tokensCss(root: string): string {
  return THEMES.map((theme) => `/* ${theme} */\n${themeCss(root, theme)}`).join('\n');
}
