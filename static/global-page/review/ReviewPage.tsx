/**
 * The portfolio review and sync page: what changed since a date (default: the last review date the
 * portfolio remembers) and where the portfolio stands. Prints as a clean A4/Letter document (the
 * page's navigation and controls are hidden in print) and downloads the changes as CSV.
 */
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { view } from '@forge/bridge';
import { downloadCsv } from '../../shared/csv';
import { FigureTile } from '../../shared/FigureTile';
import { formatDays, formatShare, NONE } from '../../shared/format';
import { invoke } from '../../shared/invoke';
import { IssueLink } from '../../shared/IssueLink';
import { ErrorMessage, Loaded } from '../../shared/states';
import { DataTable } from '../../shared/table';
import { asCallError, useResolver } from '../../shared/useResolver';
import type { ResolverCallError } from '../../shared/invoke';
import { TextInput } from '../okrs/fields';
import { categoryLabel, changesCsv, documentRoute, formatDate, type ChangeLine, type Review } from './changes';

/** Print: no navigation or controls, no page background; sections do not split across pages. */
const PRINT_CSS = `
@media print {
  nav[aria-label="Lean Portfolio pages"], [data-print="hide"] { display: none !important; }
  @page { margin: 14mm; }
  html, body { background: #fff !important; }
  [data-print="section"] { break-inside: avoid; }
  table { font-size: 9.5pt; }
  button { border: none !important; background: none !important; padding: 0 !important; }
}`;

const sectionStyles = xcss({ paddingBlockStart: 'space.100' });

function openSubPage(route: string): void {
  void view.createHistory().then((history) => history.push(route));
}

function About({ line }: { line: ChangeLine }) {
  if (line.epicKey !== null) return <IssueLink issueKey={line.epicKey} />;
  if (line.document === null) return <>{NONE}</>;
  const route = documentRoute(line.document.kind);
  const label = `${categoryLabel(line.document.kind)} ${line.document.key}`;
  return route === null ? (
    <>{label}</>
  ) : (
    <Button appearance="subtle" spacing="compact" onClick={() => openSubPage(route)}>
      {label}
    </Button>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box xcss={sectionStyles} data-print="section">
      <Stack space="space.150">
        <Heading size="small" as="h3">
          {title}
        </Heading>
        {children}
      </Stack>
    </Box>
  );
}

function WhatChanged({ review }: { review: Review }) {
  const moved = review.states.filter((row) => row.entered + row.left > 0);
  return (
    <Stack space="space.200">
      <Heading size="medium" as="h2">
        {`What changed since ${review.since}`}
      </Heading>
      <Section title="Epics by state">
        {moved.length === 0 ? (
          <Text color="color.text.subtle">No epic you can see moved between states since {review.since}.</Text>
        ) : (
          <Inline space="space.150" shouldWrap>
            {review.states.map((row) => (
              <FigureTile key={row.state} label={row.state} value={<span aria-label={`${row.entered} entered, ${row.left} left`}>{`+${row.entered} / −${row.left}`}</span>} />
            ))}
          </Inline>
        )}
        <Text size="small" color="color.text.subtle">
          Moves into (+) and out of (−) each state; an epic that moved twice counts twice.
        </Text>
      </Section>
      <Section title={`Changes (${review.changes.length})`}>
        {review.truncated && <Text color="color.text.warning">The change history holds more than the review reads: the oldest recorded changes are left out. Choose a later date.</Text>}
        {review.changes.length === 0 ? (
          <Text color="color.text.subtle">Nothing you can see changed since {review.since}. Pick an earlier date to look further back.</Text>
        ) : (
          <DataTable
            caption={`Changes since ${review.since}`}
            rowKey={(line) => `${line.at}-${line.category}-${line.epicKey ?? line.document?.key ?? ''}-${line.summary}`}
            rows={review.changes}
            columns={[
              { title: 'Date', render: (line) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(line.at)}</span> },
              { title: 'What', render: (line) => <Lozenge appearance={line.category === 'dropped' ? 'removed' : line.category === 'state' ? 'inprogress' : 'default'}>{categoryLabel(line.category)}</Lozenge> },
              { title: 'About', render: (line) => <About line={line} /> },
              { title: 'Epic', render: (line) => (line.epicKey === null ? '' : line.title) },
              { title: 'Change', render: (line) => line.summary },
            ]}
          />
        )}
      </Section>
    </Stack>
  );
}

function WhereWeStand({ standing }: { standing: Review['standing'] }) {
  const { flow } = standing;
  const inProgress = flow.load.filter((column) => column.state !== flow.load[flow.load.length - 1]?.state).reduce((sum, column) => sum + column.count, 0);
  return (
    <Stack space="space.200">
      <Heading size="medium" as="h2">
        Where the portfolio stands
      </Heading>
      <Inline space="space.200" shouldWrap>
        <FigureTile label="Flow time, 85th percentile" value={formatDays(flow.flowTimeP85)} />
        <FigureTile label="Epics not done" value={inProgress} />
        <FigureTile label="Done last month" value={flow.velocity[flow.velocity.length - 1]?.count ?? NONE} />
        <FigureTile label="Aging epics at risk" value={flow.agingAtRisk.length} />
        <FigureTile label="Guardrail breaches" value={standing.guardrails.length} />
      </Inline>
      <Section title="Guardrails and WIP limits">
        {standing.guardrails.length === 0 ? (
          <Text color="color.text.subtle">No guardrail is breached and every state is within its WIP limit.</Text>
        ) : (
          <DataTable
            caption="Guardrail breaches"
            rowKey={(row) => `${row.kind}-${row.epicKey ?? ''}-${row.summary}`}
            rows={standing.guardrails}
            columns={[
              { title: 'Guardrail', render: (row) => categoryLabel(row.kind === 'wip' ? 'WIP limit' : row.kind) },
              { title: 'Epic', render: (row) => (row.epicKey === null ? NONE : <IssueLink issueKey={row.epicKey} />) },
              { title: 'Breach', render: (row) => row.summary },
            ]}
          />
        )}
      </Section>
      <Section title={`OKRs ${standing.okrs.period}`}>
        {standing.okrs.objectives.length === 0 ? (
          <Text color="color.text.subtle">No objectives for {standing.okrs.period} yet: set them on the OKRs page.</Text>
        ) : (
          <DataTable
            caption={`OKR progress and confidence, ${standing.okrs.period}`}
            rowKey={(row) => row.id}
            rows={standing.okrs.objectives}
            columns={[
              { title: 'Objective', render: (row) => row.title },
              { title: 'Progress', numeric: true, render: (row) => formatShare(row.progress) },
              { title: 'Key results', numeric: true, render: (row) => row.keyResults },
              { title: 'Confidence (high / medium / low)', render: (row) => `${row.confidence.high} / ${row.confidence.medium} / ${row.confidence.low}${row.confidence.none > 0 ? ` · ${row.confidence.none} not stated` : ''}` },
              { title: 'Call-out', render: (row) => (row.noWorkInFlight ? 'No work in flight toward it' : NONE) },
            ]}
          />
        )}
      </Section>
      <Section title="Strategic themes against their target shares (epics in progress)">
        {standing.themes.length === 0 ? (
          <Text color="color.text.subtle">No epic is in progress.</Text>
        ) : (
          <DataTable
            caption="Themes against target shares"
            rowKey={(row) => row.category}
            rows={standing.themes}
            columns={[
              { title: 'Theme', render: (row) => row.category },
              { title: 'Epics', numeric: true, render: (row) => row.count },
              { title: 'Share', numeric: true, render: (row) => formatShare(row.share) },
              { title: 'Target', numeric: true, render: (row) => formatShare(row.target) },
              { title: 'Off target by', numeric: true, render: (row) => (row.delta === null ? NONE : `${row.delta > 0 ? '+' : ''}${Math.round(row.delta * 100)} pts`) },
            ]}
          />
        )}
      </Section>
      <Section title={`Budget use per value stream, ${standing.budget.period}`}>
        {standing.budget.lines.length === 0 ? (
          <Text color="color.text.subtle">No budget set for {standing.budget.period}.</Text>
        ) : (
          <DataTable
            caption="Budget use per value stream"
            rowKey={(row) => row.valueStream}
            rows={standing.budget.lines}
            columns={[
              { title: 'Value stream', render: (row) => row.valueStream },
              { title: 'Budget', numeric: true, render: (row) => row.budget.toLocaleString('en') },
              { title: 'Forecast', numeric: true, render: (row) => row.forecast.toLocaleString('en') },
              { title: 'Spent', numeric: true, render: (row) => row.actualSpend.toLocaleString('en') },
              { title: 'Remaining', numeric: true, render: (row) => row.remaining.toLocaleString('en') },
              { title: '', render: (row) => (row.overBudget ? <Lozenge appearance="removed">Over budget</Lozenge> : null) },
            ]}
          />
        )}
      </Section>
      <Section title="Flow">
        <Inline space="space.400" shouldWrap alignBlock="start">
          <figure style={{ margin: 0 }}>
            <figcaption>
              <Text size="small" weight="semibold">
                Velocity: epics done per month
              </Text>
            </figcaption>
            <DataTable
              caption="Velocity per month"
              rowKey={(row) => row.start}
              rows={flow.velocity}
              columns={[
                { title: 'Month', render: (row) => row.start.slice(0, 7) },
                { title: 'Done', numeric: true, render: (row) => row.count },
              ]}
            />
          </figure>
          <Box>
            <DataTable
              caption="Load against WIP limits"
              rowKey={(row) => row.state}
              rows={flow.load}
              columns={[
                { title: 'State', render: (row) => row.state },
                { title: 'Epics', numeric: true, render: (row) => row.count },
                { title: 'WIP limit', numeric: true, render: (row) => row.wipLimit ?? NONE },
                { title: '', render: (row) => (row.overLimit ? <Lozenge appearance="removed">Over</Lozenge> : null) },
              ]}
            />
          </Box>
          <Box>
            {flow.agingAtRisk.length === 0 ? (
              <Text color="color.text.subtle">No epic in progress is older than the 85th percentile flow time.</Text>
            ) : (
              <DataTable
                caption="Aging epics at risk (older than the 85th percentile flow time)"
                rowKey={(row) => row.key}
                rows={flow.agingAtRisk.slice(0, 10)}
                columns={[
                  { title: 'Aging epic', render: (row) => <IssueLink issueKey={row.key} /> },
                  { title: 'State', render: (row) => row.state ?? NONE },
                  { title: 'Age', numeric: true, render: (row) => formatDays(row.ageDays) },
                ]}
              />
            )}
          </Box>
        </Inline>
      </Section>
    </Stack>
  );
}

function Controls({ review, onSince, onMarked }: { review: Review; onSince: (since: string) => void; onMarked: () => void }) {
  const [since, setSince] = useState(review.since);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [marking, setMarking] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (/^\d{4}-\d{2}-\d{2}$/.test(since)) onSince(since);
  };
  const mark = async () => {
    setMarking(true);
    setFailure(null);
    try {
      await invoke('review/mark', { date: review.until, version: review.markVersion });
      onMarked();
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setMarking(false);
    }
  };
  return (
    <Box data-print="hide">
      <Stack space="space.150">
        {failure !== null && <ErrorMessage error={failure} onRetry={onMarked} retryLabel="Reload" />}
        <form onSubmit={submit} aria-label="Review period">
          <Inline space="space.150" alignBlock="end" shouldWrap>
            <TextInput label="Changes since" type="date" value={since} onChange={setSince} testId="review-since" />
            <Button type="submit" appearance="primary">
              Show changes
            </Button>
            <Button onClick={() => downloadCsv(`portfolio-changes-since-${review.since}.csv`, changesCsv(review.changes))}>Download CSV</Button>
            <Button onClick={() => window.print()}>Print</Button>
            {review.canMark && (
              <Button onClick={() => void mark()} isDisabled={marking}>
                {`Mark ${review.until} as this review`}
              </Button>
            )}
          </Inline>
        </form>
        <Text size="small" color="color.text.subtle">
          {review.lastReviewDate === null ? 'No review date is remembered yet: the changes start 30 days back.' : `Last review: ${review.lastReviewDate}.`}
        </Text>
      </Stack>
    </Box>
  );
}

export function ReviewPage() {
  const [since, setSince] = useState<string | undefined>(undefined);
  const { state, reload } = useResolver('review/get', since === undefined ? {} : { since });
  return (
    <>
      <style>{PRINT_CSS}</style>
      <Loaded state={state} what="the portfolio review" onRetry={reload}>
        {(review) => (
          <Stack space="space.400">
            <Controls key={review.since} review={review} onSince={setSince} onMarked={reload} />
            <Text testId="review-period">{`Portfolio review: ${review.since} to ${review.until}`}</Text>
            <WhatChanged review={review} />
            <WhereWeStand standing={review.standing} />
          </Stack>
        )}
      </Loaded>
    </>
  );
}
