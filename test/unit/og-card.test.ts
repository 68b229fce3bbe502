import { describe, expect, it } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, cardSvg, cardText, estimateWidth } from '../../worker/views/og/card';

const unit = {
  locale: 'id',
  title: 'Dinas Kependudukan dan Pencatatan Sipil',
  subtitle: 'Kota Tanjungpinang',
} as const;

describe('the share card’s text (docs/spec.md §6)', () => {
  it('draws a published IKM and grade, written the Indonesian way', () => {
    const text = cardText({
      ...unit,
      periodLabel: 'Tahun 2026',
      figures: { responses: 1234, ikm: 91.48, grade: 'A', suppressed: false },
    });
    expect(text.figure).toEqual({ ikm: '91,48', grade: 'A', gradeText: 'A · Sangat Baik' });
    const svg = cardSvg(text);
    expect(svg).toContain('IKM 91,48');
    expect(svg).toContain('A · Sangat Baik');
    expect(svg).toContain('Kota Tanjungpinang');
    expect(svg).toContain(`width="${CARD_WIDTH}" height="${CARD_HEIGHT}"`);
  });

  it('never draws a suppressed figure, even when one is handed in: only the count and why (SPEC §4)', () => {
    const text = cardText({
      ...unit,
      locale: 'en',
      periodLabel: 'January 2025',
      figures: { responses: 20, ikm: 87.65, grade: 'B', suppressed: true },
    });
    expect(text.figure).toBeNull();
    const svg = cardSvg(text);
    expect(svg).not.toMatch(/87[.,]65|IKM \d|Good/);
    expect(svg).toContain('Not enough data to show · 20 responses');
  });

  it('says there are no ratings yet when there are none', () => {
    const svg = cardSvg(cardText({ ...unit, figures: { responses: 0, ikm: null, grade: null, suppressed: true } }));
    expect(svg).toContain('Belum ada penilaian');
    expect(svg).not.toContain('responden');
  });

  it('the portal’s own card says what the portal is, and draws no figure', () => {
    const text = cardText({ locale: 'en', title: 'Citizen satisfaction with public services, open to everyone.' });
    expect(text).toMatchObject({
      figure: null,
      period: null,
      note: 'Citizen satisfaction survey · Open data CC BY 4.0',
    });
  });

  it('escapes names and keeps a long one inside the card, in at most three lines', () => {
    const long = `Dinas <Penanaman> Modal & ${'Pelayanan Terpadu Satu Pintu '.repeat(6)}`;
    const text = cardText({ locale: 'id', title: long });
    expect(text.titleLines.length).toBeLessThanOrEqual(3);
    for (const line of text.titleLines)
      expect(estimateWidth(line, text.titleSize)).toBeLessThanOrEqual(CARD_WIDTH - 128);
    expect(text.titleLines.at(-1)).toMatch(/…$/);
    const svg = cardSvg(text);
    expect(svg).toContain('&lt;Penanaman&gt; Modal &amp;');
    expect(svg).not.toContain('<Penanaman>');
  });
});
