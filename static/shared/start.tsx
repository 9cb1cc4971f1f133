/**
 * Starts a page: theming first (so the first paint already has the user's colour mode), then
 * React. The CSS reset gives the body the surface colour and the body font from the tokens.
 */
import '@atlaskit/css-reset';
import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { view } from '@forge/bridge';

export async function startPage(page: ReactElement): Promise<void> {
  try {
    await view.theme.enable();
  } catch (error) {
    // Without theming the tokens fall back to their light values: still a usable page.
    console.warn('Theming is not available', error);
  }
  const root = document.getElementById('root');
  if (root === null) throw new Error('The page has no #root element');
  createRoot(root).render(<StrictMode>{page}</StrictMode>);
}
