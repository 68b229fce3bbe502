import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../worker/http/content-disposition';

describe('Content-Disposition of a downloaded file (RFC 6266, RFC 8187)', () => {
  it('names an ASCII file the same in both parameters', () => {
    expect(contentDisposition('attachment', 'laporan-skm-kota-x-disdukcapil-2026-Q4.pdf')).toBe(
      `attachment; filename="laporan-skm-kota-x-disdukcapil-2026-Q4.pdf"; filename*=UTF-8''laporan-skm-kota-x-disdukcapil-2026-Q4.pdf`,
    );
  });

  it('keeps the exact name in filename* and a safe ASCII one in filename', () => {
    expect(contentDisposition('inline', 'Loket "Utama" – Pelayanan (1)/Ü 50%.svg')).toBe(
      `inline; filename="Loket _Utama_ _ Pelayanan (1)_U 50_.svg"; ` +
        `filename*=UTF-8''Loket%20%22Utama%22%20%E2%80%93%20Pelayanan%20%281%29%2F%C3%9C%2050%25.svg`,
    );
  });

  it('never lets a line break or a quote end the header value', () => {
    const header = contentDisposition('attachment', 'a"\r\nSet-Cookie: x=1\\.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
  });
});
