/**
 * @module
 * `datapackage.json`: a Frictionless (Tabular) Data Package describing every file, with a Table Schema per resource,
 * the licence (CC BY 4.0), a version and a data dictionary of the codes used. The live catalogue points at the live
 * URLs; a snapshot's copy points at the files beside it and carries their sizes and hashes.
 */
import { GRADE_LABELS } from '../../../domain/ikm';
import { DEFAULT_K, QUASI_IDENTIFIER_FIELDS } from '../../../domain/microdata';
import { MIN_PUBLIC_RESPONSES } from '../../../domain/summary';
import { AGE_BANDS, ELEMENTS } from '../../../domain/survey';
import { FILE_FORMAT_VERSION } from './freshness';
import { type Field, RESOURCE_NAMES, RESOURCES, type ResourceName } from './resources';

export const LICENSE = {
  name: 'CC-BY-4.0',
  title: 'Creative Commons Attribution 4.0 International',
  path: 'https://creativecommons.org/licenses/by/4.0/',
};

const GRADE_FLOORS = { A: 88.31, B: 76.61, C: 65, D: 25 } as const;

function tableField(field: Field) {
  const enumValues = field.enum ? (field.type === 'integer' ? field.enum.map(Number) : [...field.enum]) : undefined;
  return {
    name: field.name,
    title: field.title,
    type: field.type,
    ...(field.type === 'yearmonth' ? { format: 'default' } : {}),
    description: field.description,
    ...(field.required || enumValues || field.pattern
      ? {
          constraints: {
            ...(field.required ? { required: true } : {}),
            ...(enumValues ? { enum: enumValues } : {}),
            ...(field.pattern ? { pattern: field.pattern } : {}),
          },
        }
      : {}),
  };
}

export interface PackageOptions {
  /** Absolute origin of the live portal, e.g. https://suara.example.go.id */
  origin: string;
  /**
   * For a snapshot: its day and its partition files (`{region}/{month}/{file}`) with size and SHA-256; paths are
   * then relative to the snapshot.
   */
  snapshot?: { day: string; parts: readonly { file: string; bytes: number; sha256: string }[] };
}

export function dataPackage({ origin, snapshot }: PackageOptions) {
  const resources = RESOURCE_NAMES.map((name: ResourceName) => {
    const resource = RESOURCES[name];
    const file = `${name}.csv`;
    // A snapshot's resource is multipart: one file per region × month, each a complete CSV with its header row.
    const parts = snapshot?.parts.filter((part) => part.file.endsWith(`/${file}`)) ?? [];
    return {
      // Without it a resource is a plain data-resource, which the tabular-data-package profile refuses.
      profile: 'tabular-data-resource',
      name,
      title: resource.title,
      description: resource.description,
      path: snapshot ? parts.map((part) => part.file) : `${origin}/data/${file}`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      ...(snapshot
        ? { 'x-parts': parts.map((part) => ({ path: part.file, bytes: part.bytes, hash: `sha256:${part.sha256}` })) }
        : {}),
      dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
      schema: {
        fields: resource.fields.map(tableField),
        // Suppressed figures and unanswered or blanked profile fields are empty cells.
        missingValues: [''],
      },
      // Same rows as JSON (an array of objects with these field names; empty cells are null).
      'x-json': snapshot ? parts.map((part) => part.file.replace(/\.csv$/, '.json')) : `${origin}/data/${name}.json`,
    };
  });
  return {
    profile: 'tabular-data-package',
    name: 'suara-layanan',
    title: 'Suara Layanan: Survei Kepuasan Masyarakat (SKM) per unit layanan',
    description:
      'Citizen satisfaction with Indonesian public services (PermenPANRB 14/2017): the IKM of each service unit per month, ' +
      'anonymized responses and moderated comments. Public information under UU 14/2008, anonymized under UU 27/2022.',
    version: `${FILE_FORMAT_VERSION}.0.0`,
    homepage: `${origin}/data`,
    licenses: [LICENSE],
    keywords: ['SKM', 'IKM', 'kepuasan masyarakat', 'pelayanan publik', 'Indonesia', 'open data'],
    ...(snapshot
      ? { id: `${origin}/data/snapshots/${snapshot.day}/datapackage.json`, created: `${snapshot.day}` }
      : {}),
    sources: [{ title: 'Suara Layanan', path: `${origin}/` }],
    resources,
    // Data dictionary: the codes and rules the files use, in Bahasa Indonesia (authoritative) and English.
    'x-dictionary': {
      elements: ELEMENTS.map((element) => ({
        code: element.code,
        name: element.name,
        answers: { 1: element.labels.id[0], 2: element.labels.id[1], 3: element.labels.id[2], 4: element.labels.id[3] },
        answersEn: {
          1: element.labels.en[0],
          2: element.labels.en[1],
          3: element.labels.en[2],
          4: element.labels.en[3],
        },
      })),
      grades: (Object.keys(GRADE_LABELS) as (keyof typeof GRADE_LABELS)[]).map((grade) => ({
        grade,
        label: GRADE_LABELS[grade],
        minimumIkm: GRADE_FLOORS[grade],
      })),
      ageBands: AGE_BANDS,
      suppression: { minimumResponses: MIN_PUBLIC_RESPONSES },
      kAnonymity: {
        k: DEFAULT_K,
        quasiIdentifiers: QUASI_IDENTIFIER_FIELDS,
      },
      method: `${origin}/tentang`,
    },
  };
}
