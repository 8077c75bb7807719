/**
 * The rules of pabulib's reference checker (github.com/pabulib/checker, commit 1180aca) that a file
 * this tool writes can break, reimplemented for the tests: the checker is Python and its registry
 * is not reachable from here. Each rule cites where the checker states it. Only what `export`
 * can get wrong is covered; the checker's own code is not copied.
 */
import { parsePabulib } from '../../src/io/pabulib';

/** pabulib_helpers/fields.py META_FIELDS_ORDER: the known META keys, in the order the checker expects. */
export const META_ORDER = [
  'description', 'country', 'unit', 'district', 'subunit', 'instance', 'num_projects', 'num_votes', 'budget', 'vote_type', 'rule',
  'date_begin', 'date_end', 'min_length', 'max_length', 'min_sum_cost', 'max_sum_cost', 'min_points', 'max_points', 'min_sum_points',
  'max_sum_points', 'default_score', 'min_project_cost', 'max_project_cost', 'min_project_score_threshold', 'neighborhoods',
  'subdistricts', 'categories', 'edition', 'language', 'currency', 'fully_funded', 'experimental', 'comment', 'acknowledgments',
  'leftover_budget', 'budget_per_category', 'budget_per_neighborhood', 'min_length_per_category', 'max_length_per_category',
  'min_sum_cost_per_category', 'max_sum_cost_per_category',
];
/** fields.py: the META keys marked `obligatory`. */
const META_OBLIGATORY = ['description', 'country', 'unit', 'instance', 'num_projects', 'num_votes', 'budget', 'vote_type', 'rule', 'date_begin', 'date_end'];
/** fields.py PROJECTS_FIELDS_ORDER. */
export const PROJECT_ORDER = ['project_id', 'cost', 'votes', 'score', 'name', 'category', 'beneficiaries', 'selected', 'neighborhood', 'subunit', 'district', 'description', 'proposer', 'public_id', 'latitude', 'longitude'];
/** fields.py VOTES_FIELDS_ORDER. */
export const VOTE_ORDER = [
  'voter_id', 'vote', 'points', 'age', 'sex', 'voting_method', 'district', 'neighborhood', 'education', 'topic_preference_transport',
  'topic_preference_culture', 'topic_preference_nature', 'district_preference', 'time_taken_seconds', 'format_easiness', 'format_expressiveness', 'format_rank',
];
/** pabulib_helpers/fields_validations.py VOTE_TYPES and pabulib/checker.py VALID_RULES. */
const VOTE_TYPES = ['ordinal', 'approval', 'cumulative', 'scoring', 'choose-1'];
const RULES = ['greedy', 'greedy-no-skip', 'greedy-threshold', 'greedy-exclusive', 'greedy-custom', 'equalshares', 'equalshares-comparison', 'equalshares/add1', 'equalshares/add1-comparison', 'unknown'];

export interface CheckerReport {
  errors: string[];
  warnings: string[];
}

export function checkPb(text: string): CheckerReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const pb = parsePabulib(text);
  const meta = new Map(pb.meta);
  const keys = pb.meta.map(([k]) => k);

  // checker.py check_fields → validate_fields_and_order: obligatory fields, unknown fields (errors), order (warning).
  const fieldsAndOrder = (section: string, present: string[], order: string[], obligatory: string[]): void => {
    for (const key of obligatory) if (!present.includes(key)) errors.push(`missing ${section} field: ${key}`);
    const unknown = present.filter((k) => !order.includes(k) && k !== 'key');
    if (unknown.length > 0) errors.push(`not known ${section} fields: ${unknown.join(', ')}`);
    const known = present.filter((k) => order.includes(k));
    const sorted = [...known].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    if (known.join(',') !== sorted.join(',')) warnings.push(`wrong ${section} fields order: ${sorted.join(', ')}`);
  };
  fieldsAndOrder('meta', keys, META_ORDER, META_OBLIGATORY);
  fieldsAndOrder('projects', pb.projectHeader, PROJECT_ORDER, ['project_id', 'cost']);
  fieldsAndOrder('votes', pb.voteHeader, VOTE_ORDER, ['voter_id', 'vote']);

  // fields_validations.py date_format and checker.py validate_date_range: 'YYYY' or a real 'DD.MM.YYYY', begin ≤ end.
  const date = (value: string): Date | null => {
    if (/^\d{4}$/.test(value)) return new Date(Date.UTC(Number(value), 0, 1));
    const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
    if (m === null) return null;
    const d = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
    return d.getUTCDate() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 ? d : null;
  };
  const begin = date(meta.get('date_begin') ?? '');
  const end = date(meta.get('date_end') ?? '');
  for (const key of ['date_begin', 'date_end']) if (meta.has(key) && date(meta.get(key) as string) === null) errors.push(`invalid ${key} '${meta.get(key)}'`);
  if (begin !== null && end !== null && begin > end) errors.push('date range missmatch');

  // fields.py vote_type checker; checker.py validate_rule.
  if (!VOTE_TYPES.includes(meta.get('vote_type') ?? '')) errors.push(`invalid vote_type '${meta.get('vote_type')}'`);
  const rule = meta.get('rule') ?? '';
  if (!RULES.includes(rule)) errors.push(`unknown rule value '${rule}'`);
  // checker.py verify_selected: 'greedy' with a threshold should be 'greedy-threshold'; that one needs the threshold.
  if (rule === 'greedy' && meta.has('min_project_score_threshold')) errors.push('incorrect rule with threshold');
  if (rule === 'greedy-threshold' && !meta.has('min_project_score_threshold')) errors.push('missing threshold field');
  // fields_validations.py currency_code (ISO 4217), language_code (ISO 639-1); fields.py comment ('#1: ').
  const currency = meta.get('currency');
  if (currency !== undefined && !Intl.supportedValuesOf('currency').includes(currency)) errors.push(`wrong currency ISO 4217 format code: ${currency}`);
  const language = meta.get('language');
  if (language !== undefined && !/^[a-z]{2}$/.test(language)) errors.push(`wrong language ISO 639-1 format code: ${language}`);
  const comment = meta.get('comment');
  if (comment !== undefined && !comment.startsWith('#1: ')) errors.push("comment should follow the '#1: ' format");
  // fields.py: integer META fields.
  for (const key of ['num_projects', 'num_votes', 'min_length', 'max_length', 'min_project_score_threshold']) {
    if (meta.has(key) && !/^\d+$/.test(meta.get(key) as string)) errors.push(`invalid meta field value ${key}`);
  }

  // checker.py check_number_of_votes, check_number_of_projects.
  if (meta.get('num_votes') !== String(pb.votes.length)) errors.push(`different number of votes: ${meta.get('num_votes')} vs ${pb.votes.length}`);
  if (meta.get('num_projects') !== String(pb.projects.length)) errors.push(`different number of projects: ${meta.get('num_projects')} vs ${pb.projects.length}`);

  // checker.py check_vote_length, check_duplicated_votes, check_votes_for_invalid_projects, check_if_correct_votes_number.
  const ids = new Set(pb.projects.map((p) => p.id));
  const counted = new Map<string, number>();
  const minLength = Number(meta.get('min_length') ?? 0);
  const maxLength = meta.has('max_length') ? Number(meta.get('max_length')) : Infinity;
  for (const v of pb.votes) {
    if (v.projects.length > maxLength) errors.push(`vote length exceeded: ${v.voterId}`);
    if (v.projects.length < minLength) errors.push(`vote length too short: ${v.voterId}`);
    if (new Set(v.projects).size !== v.projects.length) errors.push(`vote with duplicated projects: ${v.voterId}`);
    for (const id of v.projects) {
      if (!ids.has(id)) errors.push(`vote for non-existent project: ${id}`);
      counted.set(id, (counted.get(id) ?? 0) + 1);
    }
    // checker.py check_vote_list_whitespace: no spaces around the separators.
    if (/\s,|,\s/.test(v.columns.vote ?? '')) errors.push(`whitespace around vote separator: ${v.voterId}`);
  }
  if (pb.projectHeader.includes('votes')) {
    for (const p of pb.projects) if (Number(p.columns.votes || 0) !== (counted.get(p.id) ?? 0)) errors.push(`different values in votes: ${p.id} ${p.columns.votes} vs ${counted.get(p.id) ?? 0}`);
  }

  // checker.py check_budgets: the selected projects fit the budget; with greedy, no unselected eligible project still fits.
  const budget = Math.floor(Number(meta.get('budget')));
  if (!Number.isFinite(budget)) errors.push('budget is not a number');
  if (pb.projectHeader.includes('selected')) {
    const spent = pb.projects.filter((p) => p.columns.selected === '1').reduce((sum, p) => sum + Math.floor(p.cost), 0);
    if (spent > budget) errors.push(`budget exceeded: ${spent} > ${budget}`);
    if (rule === 'greedy' || rule === 'greedy-threshold') {
      const threshold = Number(meta.get('min_project_score_threshold') ?? 0);
      let left = budget - spent;
      const open = pb.projects
        .filter((p) => p.columns.selected === '0' && !(threshold > 0 && Number(p.columns.votes) <= threshold))
        .sort((a, b) => Number(b.columns.votes) - Number(a.columns.votes));
      for (const p of open) {
        if (Math.floor(p.cost) <= left) {
          errors.push(`unused budget: ${p.id} can be funded but is not selected`);
          left -= Math.floor(p.cost);
        }
      }
    }
  } else warnings.push('missing selected field in projects');
  // fields.py: list fields have no spaces after commas (categories), checked like votes.
  for (const p of pb.projects) if (/\s,|,\s/.test(p.columns.category ?? '')) errors.push(`whitespace around list separator: ${p.id}`);
  return { errors, warnings };
}
