import { h, show, message } from '../dom.js';

const MAX_NOTE = 4000;

/**
 * The outcome form of a task (docs/cases.md), checked here before it is sent; the service checks it
 * again and its refusal is shown the same way.
 */
export function taskForm(task, user, submit) {
  const id = (name) => `${task.name}-${name}`;
  const errors = h('div', { id: id('errors') });
  const note = (label, required) => h('div', { class: 'field' },
    h('label', { for: id('note') }, label + (required ? ' (required)' : '')),
    h('textarea', { id: id('note'), name: 'note', rows: 3, maxlength: MAX_NOTE }));
  const choice = (name, legend, options) => h('fieldset', {},
    h('legend', {}, legend),
    options.map(([value, label]) => h('div', { class: 'choice' },
      h('input', { type: 'radio', name: id(name), id: id(`${name}-${value}`), value }),
      h('label', { for: id(`${name}-${value}`) }, label))));

  let fields;
  let read;
  let label = 'Complete';
  switch (task.name) {
    case 'Triage':
      fields = [choice('outcome', 'Verdict', [['CONFIRMED_FRAUD', 'Confirmed fraud'],
        ['FALSE_POSITIVE', 'False positive (lifts blocks; a supervisor\'s call when a block is in force)'],
        ['NEEDS_INFO', 'Needs more information']]), note('Note', false)];
      label = 'Record verdict';
      read = (f) => {
        const outcome = checked(f, id('outcome'));
        const n = f.elements.note.value.trim();
        if (!outcome) return ['Choose a verdict.', id('outcome-CONFIRMED_FRAUD')];
        if (outcome === 'NEEDS_INFO' && !n) return ['Say what information is needed.', id('note')];
        return [null, null, { outcome, note: n || null }];
      };
      break;
    case 'CustomerContact':
      fields = [note('What the customer was told and said', true)];
      label = 'Record contact';
      read = (f) => {
        const n = f.elements.note.value.trim();
        return n ? [null, null, { note: n }] : ['Describe the contact with the customer.', id('note')];
      };
      break;
    case 'RefundReview':
      fields = [h('div', { class: 'field' },
        h('label', { for: id('amount') }, 'Refund owed (0 for none)'),
        h('input', { id: id('amount'), name: 'amount', inputmode: 'decimal', autocomplete: 'off' })), note('Note', false)];
      label = 'Request refund';
      read = (f) => {
        const a = f.elements.amount.value.trim();
        if (!/^\d{1,7}(\.\d{1,2})?$/.test(a) || Number(a) > 1000000) {
          return ['The refund is a number from 0 to 1000000 with at most 2 decimals.', id('amount')];
        }
        return [null, null, { amount: a, note: f.elements.note.value.trim() || null }];
      };
      break;
    case 'RefundApproval':
      fields = [choice('approved', 'Refund', [['true', 'Approve'], ['false', 'Reject']]), note('Note', false)];
      label = 'Decide refund';
      read = (f) => {
        const a = checked(f, id('approved'));
        if (!a) return ['Approve or reject the refund.', id('approved-true')];
        return [null, null, { approved: a === 'true', note: f.elements.note.value.trim() || null }];
      };
      break;
    case 'BillingConfirmation':
      // Billing's acknowledgement on Kafka completes this step by itself; a supervisor records billing's word
      // when it came another way (a phone call, a billing screen).
      fields = [h('p', { class: 'hint' }, 'Billing normally confirms the refund by itself. Record its answer here only '
        + 'when it reached you another way.'),
      choice('status', 'What billing did', [['APPLIED', 'Applied the credit'], ['REFUSED', 'Refused the refund']]),
      h('div', { class: 'field' },
        h('label', { for: id('reference') }, 'Billing\'s reference (required when applied)'),
        h('input', { id: id('reference'), name: 'reference', autocomplete: 'off', maxlength: 200 })),
      note('Note (required when refused: why)', false)];
      label = 'Record billing\'s answer';
      read = (f) => {
        const status = checked(f, id('status'));
        const reference = f.elements.reference.value.trim();
        const n = f.elements.note.value.trim();
        if (!status) return ['Say whether billing applied or refused the refund.', id('status-APPLIED')];
        if (status === 'APPLIED' && !reference) return ['Give billing\'s reference for the credit.', id('reference')];
        if (status === 'REFUSED' && !n) return ['Say why billing refused it.', id('note')];
        return [null, null, { status, reference: reference || null, note: n || null }];
      };
      break;
    default:
      return h('p', {}, `No form for ${task.name}.`);
  }
  const form = h('form', { novalidate: true, id: id('form'), 'aria-label': `${task.name} outcome` },
    errors, fields, h('button', { type: 'submit', id: id('submit') }, label));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const [problem, focus, body] = read(form);
    if (problem) {
      show(errors, message('error', problem));
      document.getElementById(focus)?.focus();
      return;
    }
    show(errors);
    submit(label, body);
  });
  return form;
}

function checked(form, name) {
  const el = form.querySelector(`input[name="${name}"]:checked`);
  return el ? el.value : null;
}
