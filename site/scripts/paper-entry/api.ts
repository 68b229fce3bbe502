/**
 * The paper-entry page's calls to the admin API (docs/spec.md §5) and how a refusal is shown: the problem's words in
 * the status line, each named field marked and the first one focused.
 */
import { type Feedback, markInvalid } from './feedback';
import type { PaperPage } from './page';

interface Problem {
  detail?: string;
  title?: string;
  errors?: { field: string; detail: string }[];
}

export function request({ csrfToken }: PaperPage, method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      'X-CSRF-Token': csrfToken,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The field a problem's path names: `answers.U3` is a score, `respondent.age` or `date` a named field. */
function fieldOf({ form, scores }: PaperPage, path: string): Element | null {
  const score = scores.find((input) => path === `answers.${input.dataset.code}`);
  if (score) return score;
  const name = path.replace(/^respondent\./, '');
  return form.querySelector(`[name="${CSS.escape(name)}"]`);
}

/** Shows a refused request: `lead` and the problem's words, or the HTTP status when the body says nothing. */
export async function showRefusal(page: PaperPage, { say }: Feedback, lead: string, response: Response) {
  const problem = (await response.json().catch(() => ({}))) as Problem;
  const details = problem.errors?.map((e) => `${e.field}: ${e.detail}`) ?? [];
  say([lead, problem.detail ?? problem.title ?? `HTTP ${response.status}`, ...details].join(' '), 'error');
  for (const error of problem.errors ?? []) markInvalid(fieldOf(page, error.field), true);
  const first = problem.errors?.[0];
  if (first) (fieldOf(page, first.field) as HTMLElement | null)?.focus();
}
