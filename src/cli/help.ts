/** The text of `lpm --help`. */
export const HELP_TEXT = `lpm: Lean Portfolio metrics from Jira exports (REST API v3 shapes)

Usage:
  lpm metrics  --input FILE [--config FILE] [--as-of YYYY-MM-DD] [--percentiles 50,85,95] [--format json|csv]
  lpm forecast --input FILE [--config FILE] (--by YYYY-MM-DD | --items N) [--window DAYS] [--trials N] [--seed N] [--as-of YYYY-MM-DD]
  lpm rank     --input FILE [--format json|csv]
  lpm metrics|forecast --site URL --jql JQL ...   (reads Jira Cloud; JIRA_EMAIL and JIRA_API_TOKEN
                                                   in the environment)
  lpm --help

Commands:
  metrics   State dates, flow time, age and flow efficiency per epic; CFD, weekly velocity,
            flow-time mean and percentiles, load and flow efficiency of the portfolio.
            JSON by default; --format csv prints the epics table.
  forecast  Monte Carlo over the daily throughput of the last --window days (default 90) up to
            the as-of date: how many epics will be done by --by, or when --items more will be
            done, at 50/85/95% confidence. --trials (default 10000), --seed (default 1): the same
            seed gives the same answer.
  rank      WSJF = (userBusinessValue + timeCriticality + riskReductionOpportunityEnablement)
            / jobSize for each row, with costOfDelay and rank. FILE is JSON (an array of objects)
            or CSV with a header row: key, userBusinessValue, timeCriticality,
            riskReductionOpportunityEnablement, jobSize. A missing component or a jobSize <= 0
            leaves the row unscored: wsjf and rank are null.

Input (metrics, forecast):
  A /rest/api/3/search/jql response with expand=changelog (or an array of such pages), or
  {"issues": [...], "changelogs": <one or more /rest/api/3/changelog/bulkfetch responses>}.
  Issues need id, key, fields.created and fields.status. An inline changelog that Jira cut short
  (changelog.total above the histories given) is refused: give that issue's bulkfetch history.
  Or, with --site and --jql, the epics the JQL finds and their full history (changelog/bulkfetch).
  Each issue id appears once. Timestamps carry a UTC offset as Jira writes them
  (2025-01-15T09:30:00.000+0000, or Z): one without is refused, not read in this machine's zone.
  Epoch numbers are milliseconds; times before 2000 or after 2099 are refused.

Config (JSON, every field optional):
  states      ordered state names, the last is Done   (default: Funnel, Reviewing, Analyzing,
                                                        Portfolio Backlog, Implementing, Done)
  mapping     {"status id or name": "state"}          (default: status name = state name, ignoring
                                                        case; when given, unlisted statuses are unmapped)
  commitment  the state where flow time starts        (default: Implementing)
  active      states counted as active time           (default: commitment up to, not including, Done)
  timeZone    IANA zone for calendar dates            (default: UTC)
  inclusive   count both ends of flow time (+1 day)   (default: false)

Fractions in the output are rounded to 6 decimals.
The as-of date defaults to today in the config's time zone; changes after it are ignored. It may be
from 2000-01-01 up to today. A forecast looks at most 5 years past the as-of date, and trials x
simulated days (the whole 5 years for --items) may be at most 20,000,000.
CSV text cells starting with = + - @ are prefixed with ' so a spreadsheet does not run them.
Exit codes: 0 done, 1 unexpected failure, 2 bad input or usage (one line on stderr: lpm: FILE: FIELD: PROBLEM).
`;
