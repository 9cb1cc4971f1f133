import {
  addDays, dayNumber, daysBetween, eachDay, eachPeriodStart, endOfLocalDay, fromDayNumber, isLocalDate, isValidTimeZone,
  nextPeriodStart, periodStart, quarterOf, toLocalDate, type PeriodKind,
} from '../../../src/domain/calendar';

const at = (iso: string) => Date.parse(iso);

describe('toLocalDate', () => {
  it.each<[string, string, string]>([
    ['2025-01-01T23:30:00Z', 'UTC', '2025-01-01'],
    ['2025-01-01T23:30:00Z', 'Europe/Berlin', '2025-01-02'], // +01:00 → 00:30 next day
    ['2025-01-01T23:30:00Z', 'America/New_York', '2025-01-01'], // −05:00 → 18:30
    ['2025-01-01T03:00:00Z', 'America/New_York', '2024-12-31'], // −05:00 → 22:00 the day before
    ['2025-01-01T15:00:00Z', 'Asia/Tokyo', '2025-01-02'], // +09:00 → 00:00
    ['2025-01-01T14:59:59Z', 'Asia/Tokyo', '2025-01-01'],
    ['2025-01-01T10:00:00Z', 'Pacific/Kiritimati', '2025-01-02'], // +14:00
    ['2025-01-01T10:00:00Z', 'Pacific/Pago_Pago', '2024-12-31'], // −11:00
    ['2025-01-01T18:29:59Z', 'Asia/Kolkata', '2025-01-01'], // +05:30 → 23:59:59
    ['2025-01-01T18:30:00Z', 'Asia/Kolkata', '2025-01-02'],
  ])('should put %s on the right date when the zone is %s', (iso, zone, expected) => {
    expect(toLocalDate(at(iso), zone)).toBe(expected);
  });

  it.each<[string, string, string]>([
    // Berlin spring forward, 2025-03-30 02:00 CET → 03:00 CEST: midnight of the 31st is 22:00Z.
    ['2025-03-30T00:59:59Z', 'Europe/Berlin', '2025-03-30'],
    ['2025-03-30T21:59:59Z', 'Europe/Berlin', '2025-03-30'],
    ['2025-03-30T22:00:00Z', 'Europe/Berlin', '2025-03-31'],
    // Berlin fall back, 2025-10-26 03:00 CEST → 02:00 CET: midnight of the 27th is 23:00Z.
    ['2025-10-26T22:59:59Z', 'Europe/Berlin', '2025-10-26'],
    ['2025-10-26T23:00:00Z', 'Europe/Berlin', '2025-10-27'],
    // New York spring forward, 2025-03-09: midnight of the 10th is 04:00Z (EDT, −04:00).
    ['2025-03-10T03:59:59Z', 'America/New_York', '2025-03-09'],
    ['2025-03-10T04:00:00Z', 'America/New_York', '2025-03-10'],
  ])('should follow the DST change when %s falls near midnight in %s', (iso, zone, expected) => {
    expect(toLocalDate(at(iso), zone)).toBe(expected);
  });

  it('should use UTC when no zone is given', () => {
    expect(toLocalDate(at('2025-06-30T23:59:59.999Z'))).toBe('2025-06-30');
  });
});

describe('isValidTimeZone', () => {
  it.each<[string, boolean]>([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('should say %p is valid: %p', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

describe('isLocalDate', () => {
  it.each<[string, boolean]>([
    ['2024-02-29', true], // leap year
    ['2025-02-29', false],
    ['2000-02-29', true], // divisible by 400
    ['1900-02-29', false], // divisible by 100, not 400
    ['2025-02-30', false],
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00', false],
    ['', false],
  ])('should say %p is a calendar date: %p', (text, expected) => {
    expect(isLocalDate(text)).toBe(expected);
  });
});

describe('day arithmetic', () => {
  it.each<[string, string, number]>([
    ['2025-01-01', '2025-01-01', 0],
    ['2024-12-31', '2025-01-01', 1],
    ['2024-02-28', '2024-03-01', 2], // leap day in between
    ['2025-02-28', '2025-03-01', 1],
    ['2025-03-29', '2025-03-31', 2], // DST weekend: dates, not hours
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-10', '2025-01-01', -9],
  ])('should count from %s to %s as %p days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('should number days from the epoch when converting both ways', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(fromDayNumber(dayNumber('2025-03-30'))).toBe('2025-03-30');
  });

  it('should throw when dayNumber gets text that is not YYYY-MM-DD', () => {
    expect(() => dayNumber('30/03/2025')).toThrow(RangeError);
  });

  it.each<[string, number, string]>([
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-29', 2, '2025-03-31'],
    ['2025-01-31', 30, '2025-03-02'],
  ])('should move %s by %p days to %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('eachDay', () => {
  it('should list every date with both ends when the range crosses a leap day', () => {
    expect(eachDay('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('should list one date when the range starts and ends on it', () => {
    expect(eachDay('2025-01-01', '2025-01-01')).toEqual(['2025-01-01']);
  });

  it('should list nothing when the end is before the start', () => {
    expect(eachDay('2025-01-02', '2025-01-01')).toEqual([]);
  });
});

describe('periodStart', () => {
  it.each<[string, PeriodKind, string]>([
    ['2025-01-01', 'week', '2024-12-30'], // a Wednesday → the Monday before, across the year
    ['2024-12-30', 'week', '2024-12-30'], // a Monday is its own start
    ['2025-01-05', 'week', '2024-12-30'], // a Sunday ends the ISO week
    ['2025-01-06', 'week', '2025-01-06'],
    ['2024-03-03', 'week', '2024-02-26'], // across a leap day
    ['2025-02-28', 'month', '2025-02-01'],
    ['2025-12-31', 'month', '2025-12-01'],
    ['2025-01-01', 'quarter', '2025-01-01'],
    ['2025-02-15', 'quarter', '2025-01-01'],
    ['2025-06-30', 'quarter', '2025-04-01'],
    ['2025-07-01', 'quarter', '2025-07-01'],
    ['2025-09-30', 'quarter', '2025-07-01'],
    ['2025-12-31', 'quarter', '2025-10-01'],
  ])('should start the period of %s (%s) on %s', (date, kind, expected) => {
    expect(periodStart(date, kind)).toBe(expected);
  });
});

describe('endOfLocalDay', () => {
  it.each<[string, string, string]>([
    ['2025-03-10', 'UTC', '2025-03-11T00:00:00Z'],
    ['2025-03-10', 'Europe/Berlin', '2025-03-10T23:00:00Z'], // +01:00
    ['2025-03-10', 'Pacific/Kiritimati', '2025-03-10T10:00:00Z'], // +14:00, the earliest end
    ['2025-03-10', 'Etc/GMT+12', '2025-03-11T12:00:00Z'], // −12:00, the latest end
    ['2025-03-10', 'Asia/Kolkata', '2025-03-10T18:30:00Z'], // +05:30
    ['2025-03-29', 'Europe/Berlin', '2025-03-29T23:00:00Z'], // the night clocks go forward, still +01:00 at midnight
    ['2025-03-30', 'Europe/Berlin', '2025-03-30T22:00:00Z'], // a 23-hour day, +02:00 at its end
    // Clocks went back from 00:00 (−02:00) to 23:00 (−03:00): 02-16 ends at the second midnight.
    ['2019-02-16', 'America/Sao_Paulo', '2019-02-17T03:00:00Z'],
    // Clocks went forward from 24:00 (−04:00) to 01:00 (−03:00): 09-08 starts at 01:00.
    ['2024-09-07', 'America/Santiago', '2024-09-08T04:00:00Z'],
  ])('should end %s in %s at %s', (date, zone, iso) => {
    const end = endOfLocalDay(date, zone);
    expect(end).toBe(at(iso));
    expect([toLocalDate(end - 1, zone), toLocalDate(end, zone) > date]).toEqual([date, true]);
  });
});

describe('quarterOf', () => {
  it.each<[string, string]>([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-06-30', '2026-Q2'],
    ['2026-07-01', '2026-Q3'],
    ['2026-09-30', '2026-Q3'],
    ['2026-10-01', '2026-Q4'],
    ['2026-12-31', '2026-Q4'],
    ['2024-02-29', '2024-Q1'], // a leap day
  ])('should name the quarter of %s %s when asked', (date, expected) => {
    expect(quarterOf(date)).toBe(expected);
  });

  it('should follow the portfolio time zone when the same instant is in different quarters', () => {
    const newYearInBerlin = at('2026-12-31T23:30:00Z'); // 00:30 on 1 January in Berlin
    expect(quarterOf(toLocalDate(newYearInBerlin, 'UTC'))).toBe('2026-Q4');
    expect(quarterOf(toLocalDate(newYearInBerlin, 'Europe/Berlin'))).toBe('2027-Q1');
  });
});

describe('nextPeriodStart', () => {
  it.each<[string, PeriodKind, string]>([
    ['2024-12-30', 'week', '2025-01-06'],
    ['2025-11-01', 'month', '2025-12-01'],
    ['2025-12-01', 'month', '2026-01-01'],
    ['2025-07-01', 'quarter', '2025-10-01'],
    ['2025-10-01', 'quarter', '2026-01-01'],
  ])('should follow %s (%s) with %s', (start, kind, expected) => {
    expect(nextPeriodStart(start, kind)).toBe(expected);
  });
});

describe('eachPeriodStart', () => {
  it.each<[PeriodKind, string, string, string[]]>([
    ['week', '2024-12-25', '2025-01-08', ['2024-12-23', '2024-12-30', '2025-01-06']],
    ['month', '2024-11-15', '2025-02-03', ['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']],
    ['quarter', '2024-08-20', '2025-04-01', ['2024-07-01', '2024-10-01', '2025-01-01', '2025-04-01']],
    ['month', '2025-03-02', '2025-03-30', ['2025-03-01']],
    ['week', '2025-01-08', '2024-12-25', []],
  ])('should list each %s start from %s to %s across the year boundary', (kind, from, to, expected) => {
    expect(eachPeriodStart(from, to, kind)).toEqual(expected);
  });
});
