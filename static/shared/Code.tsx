/** Inline code (a JQL query, a resolver key): @atlaskit/code is not in the installed set. */
import type { ReactNode } from 'react';
import { token } from '@atlaskit/tokens';

export function Code({ children }: { children: ReactNode }) {
  return (
    <code
      style={{
        font: token('font.code'),
        backgroundColor: token('color.background.neutral'),
        color: token('color.text'),
        borderRadius: token('radius.small'),
        padding: `${token('space.025')} ${token('space.050')}`,
        overflowWrap: 'anywhere',
      }}
    >
      {children}
    </code>
  );
}
