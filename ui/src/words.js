// Decisions, alerts and tasks in the words a case handler or compliance officer uses.

export const TASK_TITLES = {
  Triage: 'Triage',
  CustomerContact: 'Customer contact',
  RefundReview: 'Refund review',
  RefundApproval: 'Refund approval',
  BillingConfirmation: 'Billing confirmation',
};

// Followed by the subject: "block subscriber +447700900001 for 3 days".
const ACTIONS = {
  ALLOW: 'let through',
  MONITOR: 'watch',
  BLOCK_SUBSCRIBER: 'block',
  BLOCK_NUMBER: 'block',
  BLOCK_SOURCE: 'block',
  OPEN_CASE: 'open a case on',
};

const KINDS = {
  SUBSCRIBER: 'subscriber', NUMBER: 'number', IP: 'IP address', TRUNK: 'trunk', GT: 'global title', SENDER: 'sender',
};

export function subject(kind, value) {
  return `${KINDS[kind] || (kind || '').toLowerCase()} ${value ?? ''}`.trim();
}

export function actionWords(action) {
  return ACTIONS[action] || action;
}

/** 86400000 ms -> "24 h"; 90 min -> "90 min"; days for a week and more. */
export function duration(ms) {
  if (!(ms > 0)) return null;
  const min = Math.round(ms / 60000);
  if (min < 120) return `${min} min`;
  const hours = Math.round(min / 60);
  return hours < 72 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/** figure names are the rules' camelCase: "highCostCalls" -> "high cost calls". */
function figureName(key) {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

export function figures(f) {
  return Object.entries(f || {}).map(([k, v]) => `${figureName(k)} ${typeof v === 'number' ? format(v) : v}`);
}

function format(n) {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/**
 * One sentence: "IRSF (rule IRSF-001): calls 38, ...; score 0.97; disposition row 7 (D-07): block
 * subscriber +44... for 24 h". The decision JSON is the contract's (docs/schemas/decision.schema.json).
 */
export function decisionSentence(d) {
  if (!d) return null;
  const e = d.explanation || {};
  const parts = [];
  const head = `${d.reason}${e.ruleId ? ` (rule ${e.ruleId})` : ''}`;
  const figs = figures(e.figures);
  parts.push(figs.length ? `${head}: ${figs.join(', ')}` : head);
  if (typeof e.score === 'number') parts.push(`score ${e.score.toFixed(2)}`);
  const row = (e.rows || [])[0];
  const length = d.expiresAt && d.decidedAt ? duration(Date.parse(d.expiresAt) - Date.parse(d.decidedAt)) : null;
  const act = `${actionWords(d.action)} ${subject(d.target?.kind, d.target?.value)}${length ? ` for ${length}` : ''}`;
  parts.push(row ? `${row.table} row ${row.row} (${row.id}): ${act}` : act);
  return parts.join('; ');
}
