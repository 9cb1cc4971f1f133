/** An issue key that opens the issue in Jira (router.navigate: the host decides how). */
import { router } from '@forge/bridge';
import { Pressable, xcss } from '@atlaskit/primitives';

const linkStyles = xcss({
  color: 'color.link',
  backgroundColor: 'color.background.neutral.subtle',
  padding: 'space.0',
  font: 'font.body.small',
  fontWeight: 'font.weight.medium',
  textDecoration: 'none',
  ':hover': { textDecoration: 'underline', color: 'color.link.pressed' },
});

export function IssueLink({ issueKey }: { issueKey: string }) {
  return (
    <Pressable xcss={linkStyles} onClick={() => void router.navigate({ target: 'issue', issueKey })} aria-label={`Open ${issueKey}`}>
      {issueKey}
    </Pressable>
  );
}
