/**
 * @module
 * Path parameters and body schemas shared by the admin routers.
 */
import { z } from '@hono/zod-openapi';
import { isValidTimeZone } from '../../../domain/periods';
import { hasHiddenCharacters } from '../../../domain/plain-text';
import { officialArea, REGION_CODE_PATTERN } from '../../../domain/region-codes';
import { isReservedRegionSlug, SLUG_PATTERN } from '../../../domain/slugs';

export const RegionParams = z.object({
  region: z.string().openapi({ param: { name: 'region', in: 'path' }, example: 'tanjungpinang' }),
});
export const UnitParams = RegionParams.extend({
  unit: z.string().openapi({ param: { name: 'unit', in: 'path' }, example: 'disdukcapil' }),
});
export const CounterParams = UnitParams.extend({
  code: z.string().openapi({ param: { name: 'code', in: 'path' }, example: '7k2m9q4x1c' }),
});

const SLUG_MESSAGE = 'Use 2–63 lower-case letters, digits and single hyphens (e.g. kota-langsa).';

export const SlugSchema = z.string().regex(SLUG_PATTERN, SLUG_MESSAGE).openapi({ example: 'disdukcapil' });

/**
 * Admin-entered text that the public or other staff see (names, labels, replies): refused when it holds a
 * text-direction override or an invisible character, which would make it display differently from what was typed
 * (SPEC §4). Names and labels are one line: control characters (line breaks, tabs, NUL) are refused there too.
 */
export function visibleText<T extends z.ZodString>(schema: T, options: { singleLine?: boolean } = {}) {
  return schema.refine((text) => !hasHiddenCharacters(text, options), {
    message: options.singleLine
      ? 'Remove control, invisible or text-direction characters (such as a line break, U+202E or U+200B).'
      : 'Remove invisible or text-direction control characters (such as U+202E or U+200B).',
  });
}

/** A one-line label (a kiosk's, an API key's). */
export const LabelSchema = visibleText(z.string().trim().min(1).max(120), { singleLine: true });

export const NameSchema = visibleText(z.string().trim().min(2).max(160), { singleLine: true });

export const RegionCreateSchema = z
  .object({
    code: z
      .string()
      .trim()
      .superRefine((code, ctx) => {
        if (!REGION_CODE_PATTERN.test(code)) {
          ctx.addIssue({
            code: 'custom',
            message:
              "Expected a Kemendagri region code: 'NN.NN' for a kabupaten/kota (e.g. 21.72), 'NN' for a province.",
          });
        } else if (!officialArea(code)) {
          ctx.addIssue({
            code: 'custom',
            message: `'${code}' is not in the official list of Kemendagri region codes.`,
          });
        }
      })
      .openapi({
        pattern: REGION_CODE_PATTERN.source,
        example: '21.72',
        description:
          'Official Kemendagri code (kode wilayah) of the kabupaten/kota (NN.NN) or province (NN). The province comes from it.',
      }),
    // One message per slug: a reserved word is named as such even when it is also malformed ('favicon.ico').
    slug: z
      .string()
      .superRefine((slug, ctx) => {
        if (isReservedRegionSlug(slug)) {
          ctx.addIssue({
            code: 'custom',
            message:
              'This word is used by the portal itself (e.g. r, data, api, admin, tentang) and cannot name a region.',
          });
        } else if (!SLUG_PATTERN.test(slug)) {
          ctx.addIssue({ code: 'custom', message: SLUG_MESSAGE });
        }
      })
      .optional()
      .openapi({
        pattern: SLUG_PATTERN.source,
        example: 'tanjungpinang',
        description: "Defaults to the official name as a slug ('kota-tanjung-pinang').",
      }),
    name: NameSchema.optional().openapi({
      example: 'Kota Tanjungpinang',
      description: 'Defaults to the official name of the code.',
    }),
    timezone: z
      .string()
      .refine(isValidTimeZone, {
        message: 'Expected an IANA time zone such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura.',
      })
      .optional()
      .openapi({
        example: 'Asia/Jakarta',
        description: "Defaults to the province's legal time zone (WIB, WITA or WIT).",
      }),
  })
  .openapi('RegionCreate');

export const UnitCreateSchema = z
  .object({
    slug: SlugSchema,
    name: NameSchema.openapi({ example: 'Dinas Kependudukan dan Pencatatan Sipil' }),
    population: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .nullable()
      .optional()
      .openapi({ description: 'Expected respondents per year (Krejcie & Morgan sample size)', example: 12000 }),
    ikmTarget: z
      .number()
      .min(25)
      .max(100)
      .multipleOf(0.01)
      .nullable()
      .optional()
      .openapi({ description: 'The SKP target IKM, 25–100', example: 82.5 }),
  })
  .openapi('UnitCreate');

/** The NIP (Nomor Induk Pegawai) of a civil servant: 18 digits. */
export const NIP_PATTERN = /^\d{18}$/;

export const UnitChangesSchema = z
  .object({
    headName: NameSchema.nullable().optional().openapi({
      description: 'The head (kepala) of the unit, who signs its SKM report; null clears it',
      example: 'Drs. Budi Santoso, M.Si.',
    }),
    headNip: z
      .string()
      .trim()
      .regex(NIP_PATTERN, 'Expected the NIP as 18 digits, without spaces.')
      .nullable()
      .optional()
      .openapi({ description: "The head's NIP (18 digits); null clears it", example: '197001012000031001' }),
  })
  .strict()
  .openapi('UnitChanges');

export const UnitSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    population: z.number().int().nullable(),
    ikmTarget: z.number().nullable(),
    headName: z.string().nullable().openapi({ description: 'Who signs the SKM report; null when not set' }),
    headNip: z.string().nullable().openapi({ description: "The head's 18-digit NIP; null when not set" }),
  })
  .openapi('Unit');

export const ServiceCreateSchema = z
  .object({
    slug: SlugSchema.openapi({ example: 'ktp-el' }),
    name: NameSchema.openapi({ example: 'Penerbitan KTP-el' }),
  })
  .openapi('ServiceCreate');

export const ServiceSchema = z.object({ slug: z.string(), name: z.string() }).openapi('Service');
