/**
 * @module
 * The demo deployment of SPEC §6: four regions with realistic units, services and counters, and twelve
 * months of synthetic ratings whose quality differs by unit and drifts over time. Deterministic: the
 * same anchor month gives byte-identical SQL, and every INSERT is `OR IGNORE` on fixed keys.
 */
import { EDUCATIONS, ELEMENT_CODES, OCCUPATIONS } from '../../domain/survey';

interface UnitPlan {
  slug: string;
  name: string;
  services: [slug: string, name: string][];
  counters: string[];
  /** Respondents per month, roughly. */
  monthly: number;
  /** Latent satisfaction on the 1–4 scale at the start, and its change over the twelve months. */
  base: number;
  drift: number;
  /**
   * A sudden change of the latent satisfaction in the last two months (e.g. a new queue system gone wrong), so
   * the operator's dashboard has a fall of more than 5 IKM points to flag in the last complete month.
   */
  shock?: number;
  population?: number;
  ikmTarget?: number;
}

interface RegionPlan {
  slug: string;
  name: string;
  /** Kemendagri code (kode wilayah), checked against the official list by test/api/demo-seed.test.ts. */
  code: string;
  timezone: string;
  utcOffsetHours: number;
  units: UnitPlan[];
}

const DUKCAPIL: Omit<UnitPlan, 'base' | 'drift' | 'monthly'> = {
  slug: 'disdukcapil',
  name: 'Dinas Kependudukan dan Pencatatan Sipil',
  services: [
    ['ktp-el', 'Penerbitan KTP-el'],
    ['kartu-keluarga', 'Penerbitan Kartu Keluarga'],
    ['akta-kelahiran', 'Penerbitan Akta Kelahiran'],
    ['pindah-datang', 'Surat Keterangan Pindah/Datang'],
  ],
  counters: ['Loket 1 — Pendaftaran', 'Loket 2 — KTP-el', 'Loket 3 — Akta'],
  population: 24000,
  ikmTarget: 85,
};
const DINKES: Omit<UnitPlan, 'base' | 'drift' | 'monthly'> = {
  slug: 'dinkes',
  name: 'Dinas Kesehatan',
  services: [
    ['izin-praktik', 'Surat Izin Praktik Tenaga Kesehatan'],
    ['pirt', 'Sertifikat Produksi Pangan Industri Rumah Tangga'],
  ],
  counters: ['Loket Perizinan'],
  population: 3000,
  ikmTarget: 80,
};
const DISDIK: Omit<UnitPlan, 'base' | 'drift' | 'monthly'> = {
  slug: 'disdik',
  name: 'Dinas Pendidikan',
  services: [
    ['legalisir-ijazah', 'Legalisir Ijazah'],
    ['mutasi-siswa', 'Rekomendasi Mutasi Siswa'],
  ],
  counters: ['Loket Layanan Terpadu'],
  population: 2500,
  ikmTarget: 80,
};
const DPMPTSP: Omit<UnitPlan, 'base' | 'drift' | 'monthly'> = {
  slug: 'dpmptsp',
  name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
  services: [
    ['nib', 'Nomor Induk Berusaha (NIB)'],
    ['pbg', 'Persetujuan Bangunan Gedung (PBG)'],
    ['izin-reklame', 'Izin Reklame'],
  ],
  counters: ['Loket A — Konsultasi', 'Loket B — Perizinan'],
  population: 6000,
  ikmTarget: 85,
};
const DLH: Omit<UnitPlan, 'base' | 'drift' | 'monthly'> = {
  slug: 'dlh',
  name: 'Dinas Lingkungan Hidup',
  services: [
    ['persetujuan-lingkungan', 'Persetujuan Lingkungan (UKL-UPL/SPPL)'],
    ['angkutan-sampah', 'Layanan Angkutan Sampah'],
  ],
  counters: ['Loket Pelayanan'],
  population: 1200,
  ikmTarget: 78,
};
const ARSIP: Omit<UnitPlan, 'base' | 'drift' | 'monthly'> = {
  slug: 'dispusip',
  name: 'Dinas Perpustakaan dan Kearsipan',
  services: [['kartu-anggota', 'Kartu Anggota Perpustakaan']],
  counters: ['Meja Layanan'],
};

const REGIONS: RegionPlan[] = [
  {
    slug: 'tanjungpinang',
    code: '21.72',
    name: 'Kota Tanjungpinang',
    timezone: 'Asia/Jakarta',
    utcOffsetHours: 7,
    units: [
      { ...DUKCAPIL, monthly: 140, base: 3.25, drift: 0.2 },
      { ...DINKES, monthly: 45, base: 3.05, drift: 0.1 },
      { ...DISDIK, monthly: 35, base: 2.95, drift: -0.15 },
      { ...DPMPTSP, monthly: 80, base: 3.4, drift: 0.05 },
      { ...DLH, monthly: 25, base: 2.7, drift: 0.25 },
      { ...ARSIP, monthly: 6, base: 3.3, drift: 0 },
    ],
  },
  {
    slug: 'langsa',
    code: '11.74',
    name: 'Kota Langsa',
    timezone: 'Asia/Jakarta',
    utcOffsetHours: 7,
    units: [
      { ...DUKCAPIL, monthly: 110, base: 2.9, drift: 0.3 },
      { ...DINKES, monthly: 40, base: 3.2, drift: 0 },
      { ...DPMPTSP, monthly: 55, base: 3.0, drift: 0.15 },
      { ...DLH, monthly: 20, base: 2.55, drift: 0.1 },
    ],
  },
  {
    slug: 'pariaman',
    code: '13.77',
    name: 'Kota Pariaman',
    timezone: 'Asia/Jakarta',
    utcOffsetHours: 7,
    units: [
      { ...DUKCAPIL, monthly: 90, base: 3.35, drift: 0.05 },
      { ...DISDIK, monthly: 30, base: 3.1, drift: 0.1 },
      { ...DPMPTSP, monthly: 50, base: 3.15, drift: -0.1, shock: -0.5 },
      { ...ARSIP, monthly: 5, base: 3.0, drift: 0.1 },
    ],
  },
  {
    slug: 'gorontalo',
    code: '75.71',
    name: 'Kota Gorontalo',
    timezone: 'Asia/Makassar',
    utcOffsetHours: 8,
    units: [
      { ...DUKCAPIL, monthly: 120, base: 3.0, drift: 0.25 },
      { ...DINKES, monthly: 50, base: 2.85, drift: 0.2 },
      { ...DISDIK, monthly: 30, base: 3.3, drift: 0 },
      { ...DPMPTSP, monthly: 60, base: 3.45, drift: 0.05 },
      { ...DLH, monthly: 20, base: 2.8, drift: -0.1 },
    ],
  },
];

/** Citizens answer some elements systematically higher or lower (e.g. most services are free: U4). */
const ELEMENT_OFFSETS = [0.05, -0.1, -0.25, 0.45, 0.05, 0.1, 0.15, -0.3, -0.05];

const COMMENTS: { body: string; reply?: string; status: 'published' | 'pending' | 'rejected' }[] = [
  {
    body: 'Pelayanan cepat dan petugasnya ramah. Terima kasih.',
    reply: 'Terima kasih atas apresiasinya, kami akan terus menjaga kualitas layanan.',
    status: 'published',
  },
  {
    body: 'Antrean terlalu panjang, sebaiknya ada nomor antrean online.',
    reply: 'Terima kasih sarannya. Antrean online sedang kami siapkan dan ditargetkan berjalan bulan depan.',
    status: 'published',
  },
  { body: 'Ruang tunggu panas, kipas angin tidak berfungsi.', status: 'published' },
  {
    body: 'Persyaratan di papan informasi berbeda dengan yang diminta petugas.',
    reply: 'Mohon maaf atas ketidaknyamanannya. Papan informasi sudah kami perbarui.',
    status: 'published',
  },
  { body: 'Mohon hubungi saya di [disamarkan], berkas saya belum selesai.', status: 'pending' },
  { body: 'Petugas loket 2 sangat membantu lansia. Mantap!', status: 'published' },
  { body: 'Tolong sediakan tempat parkir motor yang lebih luas.', status: 'pending' },
  { body: 'Kata-kata kasar yang tidak pantas dimuat.', status: 'rejected' },
];

/** Mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  // Box–Muller; 1 - rand() avoids log(0).
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function hexId(rand: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(rand() * 16).toString(16);
  return out;
}

const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
function counterCode(rand: () => number): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += CODE_ALPHABET[Math.floor(rand() * CODE_ALPHABET.length)];
  return out;
}

function quote(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

function insert(table: string, columns: string[], rows: (string | number | null)[][]): string[] {
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += 50) {
    const chunk = rows.slice(i, i + 50).map((row) => `(${row.map(quote).join(', ')})`);
    statements.push(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES\n${chunk.join(',\n')}`);
  }
  return statements;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The days of a month that have begun by the local instant `localNow` (ms, the region's wall clock read as UTC). */
function daysBegun(year: number, month: number, localNow: number): number {
  const now = new Date(localNow);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const target = year * 12 + (month - 1);
  if (target < current) return daysInMonth(year, month);
  return target === current ? now.getUTCDate() : 1;
}

export interface DemoCounter {
  region: string;
  unit: string;
  code: string;
  name: string;
}

export interface DemoSeed {
  statements: string[];
  counters: DemoCounter[];
  responses: number;
}

/**
 * Builds the demo data for the twelve months ending with `anchorMonth` ('YYYY-MM'), with ratings
 * only up to `until` (ms) so that nothing lies in the future.
 */
export function buildDemoSeed(anchorMonth: string, until: number): DemoSeed {
  const rand = random(20171014);
  const [anchorYear, anchorMonthNumber] = anchorMonth.split('-').map(Number) as [number, number];
  const statements: string[] = [];
  const demoCounters: DemoCounter[] = [];
  let responseCount = 0;

  REGIONS.forEach((region, regionIndex) => {
    const regionId = regionIndex + 1;
    statements.push(
      ...insert(
        'regions',
        ['id', 'slug', 'name', 'timezone', 'code'],
        [[regionId, region.slug, region.name, region.timezone, region.code]],
      ),
      // A database seeded before regions had codes keeps its rows (INSERT OR IGNORE): give them their code once.
      `UPDATE regions SET code = ${quote(region.code)} WHERE id = ${regionId} AND code IS NULL`,
    );
    const responseRows: (string | number | null)[][] = [];
    const commentRows: (string | number | null)[][] = [];

    region.units.forEach((unit, unitIndex) => {
      const unitId = regionId * 100 + unitIndex + 1;
      statements.push(
        ...insert(
          'units',
          ['id', 'region_id', 'slug', 'name', 'population', 'ikm_target'],
          [[unitId, regionId, unit.slug, unit.name, unit.population ?? null, unit.ikmTarget ?? null]],
        ),
      );
      const serviceIds = unit.services.map((_, i) => unitId * 10 + i + 1);
      statements.push(
        ...insert(
          'services',
          ['id', 'unit_id', 'slug', 'name'],
          unit.services.map(([slug, name], i) => [serviceIds[i]!, unitId, slug, name]),
        ),
      );
      const counterIds = unit.counters.map((_, i) => unitId * 10 + i + 1);
      const codes = unit.counters.map(() => counterCode(rand));
      statements.push(
        ...insert(
          'counters',
          ['id', 'unit_id', 'code', 'name'],
          unit.counters.map((name, i) => [counterIds[i]!, unitId, codes[i]!, name]),
        ),
      );
      unit.counters.forEach((name, i) => {
        demoCounters.push({ region: region.slug, unit: unit.slug, code: codes[i]!, name });
      });

      for (let m = 0; m < 12; m++) {
        const monthIndex = anchorYear * 12 + (anchorMonthNumber - 1) - (11 - m);
        const year = Math.floor(monthIndex / 12);
        const month = (monthIndex % 12) + 1;
        const count = Math.max(1, Math.round(unit.monthly * (0.8 + 0.4 * rand())));
        // No extra random draws: every other unit's ratings stay exactly as they were.
        const latent = unit.base + (unit.drift * m) / 11 + (m >= 10 ? (unit.shock ?? 0) : 0);
        // The current month's ratings fall on the days that have begun, so early in a month it is not a sliver of
        // 1–9 ratings that would (rightly) withhold every year figure by complementary suppression (SPEC §4).
        const daysToDraw = daysBegun(year, month, until + region.utcOffsetHours * 3600_000);
        for (let r = 0; r < count; r++) {
          const day = 1 + Math.floor(rand() * daysToDraw);
          const minuteOfDay = 8 * 60 + Math.floor(rand() * 7 * 60);
          const submittedAt =
            Date.UTC(year, month - 1, day, 0, minuteOfDay) -
            region.utcOffsetHours * 3600_000 +
            Math.floor(rand() * 60_000);
          const person = latent + normal(rand) * 0.45;
          const scores = ELEMENT_OFFSETS.map((offset) =>
            Math.min(4, Math.max(1, Math.round(person + offset + normal(rand) * 0.35))),
          );
          if (submittedAt > until) continue;
          const channelDraw = rand();
          const channel = channelDraw < 0.12 ? 'paper' : channelDraw < 0.3 ? 'kiosk' : 'qr';
          const counterIndex = Math.floor(rand() * counterIds.length);
          const serviceIndex = rand() < 0.85 ? Math.floor(rand() * serviceIds.length) : -1;
          const hasProfile = rand() < 0.8;
          const id = `${hexId(rand, 8)}-${hexId(rand, 4)}-4${hexId(rand, 3)}-a${hexId(rand, 3)}-${hexId(rand, 12)}`;
          responseRows.push([
            id,
            `seed-${id}`,
            regionId,
            unitId,
            channel === 'paper' ? null : counterIds[counterIndex]!,
            serviceIndex >= 0 ? serviceIds[serviceIndex]! : null,
            channel,
            ...scores,
            hasProfile ? (rand() < 0.52 ? 'P' : 'L') : null,
            hasProfile ? 17 + Math.floor(rand() * 50) : null,
            hasProfile ? EDUCATIONS[Math.min(6, Math.floor(rand() * rand() * 8))]! : null,
            hasProfile ? OCCUPATIONS[Math.floor(rand() * OCCUPATIONS.length)]! : null,
            submittedAt,
            `${year}-${pad(month)}-${pad(day)}`,
            channel === 'paper' ? 'seed' : null,
          ]);
          if (rand() < 0.03) {
            const comment = COMMENTS[Math.floor(rand() * COMMENTS.length)]!;
            commentRows.push([
              `c${id.slice(1)}`,
              id,
              regionId,
              unitId,
              comment.body,
              comment.status,
              `${year}-${pad(month)}-${pad(day)}`,
              submittedAt,
              comment.status === 'pending' ? null : submittedAt + 86_400_000,
              comment.status === 'pending' ? null : 'seed',
              comment.reply ?? null,
              comment.reply ? submittedAt + 2 * 86_400_000 : null,
            ]);
          }
        }
      }
    });

    responseCount += responseRows.length;
    statements.push(
      ...insert(
        'responses',
        [
          'id',
          'submission_id',
          'region_id',
          'unit_id',
          'counter_id',
          'service_id',
          'channel',
          ...ELEMENT_CODES.map((c) => c.toLowerCase()),
          'gender',
          'age',
          'education',
          'occupation',
          'submitted_at',
          'local_date',
          'entered_by',
        ],
        responseRows,
      ),
      ...insert(
        'comments',
        [
          'id',
          'response_id',
          'region_id',
          'unit_id',
          'body',
          'status',
          'local_date',
          'created_at',
          'moderated_at',
          'moderated_by',
          'reply',
          'replied_at',
        ],
        commentRows,
      ),
    );
  });

  // No rollup statements: SQLite's triggers on responses fold each inserted row in (schema/rollups.ts).
  return { statements, counters: demoCounters, responses: responseCount };
}
