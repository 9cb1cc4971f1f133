import { describePortfolioIssueType, isPortfolioIssueType } from '../../../src/domain/portfolioIssueType';

const epic = { id: '10000', name: 'Epic', hierarchyLevel: 1 };
const initiative = { id: '10042', name: 'Initiative', hierarchyLevel: 2 };
const story = { id: '10001', name: 'Story', hierarchyLevel: 0 };
const legacy = { id: '10000', name: 'Epic' };

describe('isPortfolioIssueType', () => {
  it.each([
    ['level 1', { by: 'hierarchyLevel', level: 1 } as const, epic, true],
    ['level 1', { by: 'hierarchyLevel', level: 1 } as const, story, false],
    ['level 1', { by: 'hierarchyLevel', level: 1 } as const, initiative, false],
    ['level 2', { by: 'hierarchyLevel', level: 2 } as const, initiative, true],
    ['level 1 without a level on the type', { by: 'hierarchyLevel', level: 1 } as const, legacy, false],
    ['ids', { by: 'issueTypeIds', ids: ['10042', '10000'] } as const, epic, true],
    ['ids', { by: 'issueTypeIds', ids: ['10042'] } as const, epic, false],
    ['ids without a level on the type', { by: 'issueTypeIds', ids: ['10000'] } as const, legacy, true],
  ])('should decide by %s when the type is %j', (_name, rule, type, expected) => {
    expect(isPortfolioIssueType(rule, type)).toBe(expected);
  });
});

describe('describePortfolioIssueType', () => {
  it('should name the level and, for level 1, Epic', () => {
    expect(describePortfolioIssueType({ by: 'hierarchyLevel', level: 1 })).toBe('issue types at hierarchy level 1 (Epic)');
    expect(describePortfolioIssueType({ by: 'hierarchyLevel', level: 2 })).toBe('issue types at hierarchy level 2');
  });
  it('should list the ids', () => {
    expect(describePortfolioIssueType({ by: 'issueTypeIds', ids: ['10042'] })).toBe('the issue type with id 10042');
    expect(describePortfolioIssueType({ by: 'issueTypeIds', ids: ['1', '2'] })).toBe('the issue types with ids 1, 2');
  });
});
