/**
 * @module
 * The public verification page of a signed SKP evidence link (`/bukti/{token}`): the signed figures,
 * whether the signature is valid, and whether they still match today's data. Bahasa Indonesia, with
 * English beneath: assessors (penilai SKP) are the audience.
 */
import { gradeLabel } from '../../domain/ikm';
import { dateLabel, formatNumber, periodLabel } from '../../domain/skm-report';
import type { EvidenceVerification } from '../services/report/evidence';
import { Page } from './layout';

const ikm = (value: number) => formatNumber(value, 2);

export function EvidencePage({ result }: { result: EvidenceVerification }) {
  if (!result.valid) {
    return (
      <Page
        locale="id"
        title="Bukti dukung SKP tidak valid"
        heading={<p class="sub">Suara Layanan · Bukti dukung SKP</p>}
      >
        <div class="alert" role="alert">
          <h1>Bukti tidak valid</h1>
          <p>
            Tautan ini tidak valid: tanda tangan elektroniknya tidak cocok, atau tautan terpotong atau diubah. Angka di
            dalamnya tidak dapat dipercaya.
          </p>
          <p lang="en">
            <i>This evidence link is not valid: its signature does not match, or the link was cut or altered.</i>
          </p>
        </div>
        <div class="card">
          <p>
            Mintalah tautan atau kode QR baru kepada unit layanan, atau periksa laporan SKM resminya. Setiap tautan
            bukti dukung diterbitkan oleh portal dan memuat tanda tangan HMAC-SHA256 atas seluruh isinya.
          </p>
        </div>
      </Page>
    );
  }
  const { claim, current, currentPublic, matches } = result;
  const unitName = result.unit?.name ?? claim.u;
  return (
    <Page
      locale="id"
      title={`Bukti dukung SKP · ${unitName} · ${periodLabel(result.period)}`}
      head={<style>{'dt{font-weight:600;margin-top:.6rem}dd{margin:0}.card h2{font-size:1.25rem;margin-top:0}'}</style>}
      heading={
        <>
          <p class="sub">{result.region?.name ?? claim.r}</p>
          <p class="sub">Bukti dukung SKP · Penerima Layanan</p>
        </>
      }
    >
      <div class="alert info" role="status">
        <h1>Tanda tangan valid</h1>
        <p>
          Angka di bawah ini diterbitkan dan ditandatangani oleh portal Suara Layanan pada {dateLabel(claim.at)} dan
          tidak diubah sejak itu.
        </p>
        <p lang="en">
          <i>Valid signature: these figures were issued by the portal and have not been altered.</i>
        </p>
      </div>
      <div class="card">
        <h2>{unitName}</h2>
        <dl>
          <dt>Instansi</dt>
          <dd>{result.region?.name ?? claim.r}</dd>
          <dt>Periode</dt>
          <dd>
            {periodLabel(result.period)} ({dateLabel(result.period.start)} s.d. {dateLabel(result.period.end)})
          </dd>
          <dt>Indeks Kepuasan Masyarakat (IKM)</dt>
          <dd>
            <strong id="ikm">{ikm(claim.ikm)}</strong>
          </dd>
          <dt>Selang kepercayaan 95%</dt>
          <dd>
            {ikm(claim.lo)} – {ikm(claim.hi)}
          </dd>
          <dt>Mutu pelayanan</dt>
          <dd>
            {claim.g} ({gradeLabel(claim.g)})
          </dd>
          <dt>Jumlah responden (n)</dt>
          <dd>{formatNumber(claim.n)}</dd>
          <dt>Tanggal terbit</dt>
          <dd>{dateLabel(claim.at)}</dd>
        </dl>
      </div>
      <div class="card" id="check">
        <h2>Pemeriksaan terhadap data hari ini</h2>
        {matches === true ? (
          <p>
            <strong>Sesuai.</strong> IKM, jumlah responden dan mutu hari ini sama dengan yang tertera.{' '}
            <i lang="en">Matches today’s data.</i>
          </p>
        ) : current === null ? (
          <p>
            <strong>Tidak dapat diperiksa:</strong> unit layanan ini tidak lagi ada di portal.{' '}
            <i lang="en">The unit no longer exists; the signature above is still valid.</i>
          </p>
        ) : (
          <p>
            <strong>Berubah sejak diterbitkan.</strong>{' '}
            {/* Today's figures only when they are published anyway (SPEC §4): the page is public. */}
            {!currentPublic
              ? ''
              : `Hari ini: IKM ${current.ikm === null ? '—' : ikm(current.ikm)}, n = ${formatNumber(current.responses)}, mutu ${current.grade ?? '—'}. `}
            Data dapat berubah bila kuesioner kertas dimasukkan belakangan atau penilaian mencurigakan diputuskan
            moderator; mintalah laporan terbaru kepada unit.{' '}
            <i lang="en">The figures changed since issue (late paper entries or moderation).</i>
          </p>
        )}
        <p class="small">
          IKM dihitung sesuai PermenPANRB 14/2017 (sembilan unsur, bobot 1/9, skala 25–100) dari seluruh penilaian yang
          tidak ditandai, tanpa penyembunyian kelompok kecil. <a href="/tentang">Tentang metode</a>.
        </p>
      </div>
    </Page>
  );
}
