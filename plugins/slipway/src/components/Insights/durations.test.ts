import { hoursInWords, minutesInWords } from './durations';

describe('durations in words', () => {
  it('keeps the small unit up to two large ones, then one decimal of the large unit', () => {
    expect(hoursInWords(undefined)).toBe('—');
    expect(hoursInWords(0)).toBe('0 h');
    expect(hoursInWords(47)).toBe('47 h');
    expect(hoursInWords(48)).toBe('2 days');
    expect(hoursInWords(83)).toBe('3.5 days');
    expect(minutesInWords(undefined)).toBe('—');
    expect(minutesInWords(119)).toBe('119 min');
    expect(minutesInWords(150)).toBe('2.5 h');
  });
});
