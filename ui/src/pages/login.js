import { h, show, message } from '../dom.js';
import { ApiError } from '../api.js';

/** The demo sign-in form: name and password, checked against /api/v1/me before they are kept. */
export function renderLogin({ auth, notice, auto, done }, main) {
  document.title = 'Sign in · Ringfence';
  const status = h('div', { id: 'login-status' }, notice ? message('notice', notice) : null);
  const name = h('input', { id: 'login-name', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'login-name' }, 'User name'), name),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
    h('button', { type: 'submit', id: 'login-submit' }, 'Sign in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!name.value.trim() || !password.value) {
      show(status, message('error', 'Enter your user name and password.'));
      (name.value.trim() ? password : name).focus();
      return;
    }
    auth.remember(name.value.trim(), password.value);
    try {
      await done();
    } catch (err) {
      auth.forget();
      const why = err instanceof ApiError && err.status === 401
        ? 'Wrong user name or password.' : `Sign-in failed: ${err.message}`;
      show(status, message('error', why));
      password.value = '';
      password.focus();
    }
  });
  if (!auth.usesForm) {
    renderProviderSignIn({ auth, notice, auto }, main);
    return;
  }
  show(main, h('h1', {}, 'Sign in to Ringfence'), status, form,
    h('p', { class: 'hint' }, 'Demo run: handler1, supervisor1, analyst1 or compliance1, password ringfence-demo.'));
  name.focus();
}

/** OIDC: the realm's login page does the asking; this page is where people land when there is something to say. */
function renderProviderSignIn({ auth, notice, auto }, main) {
  document.title = 'Sign in · Ringfence';
  const status = h('div', { id: 'login-status' }, notice ? message('notice', notice) : null);
  const button = h('button', { type: 'button', id: 'login-provider' }, 'Sign in with your organisation account');
  const go = async () => {
    button.disabled = true;
    show(status, message('notice', 'Taking you to the sign-in page…'));
    try {
      await auth.signIn();
    } catch (err) {
      show(status, message('error', `The sign-in page cannot be reached: ${err.message}`));
      button.disabled = false;
      button.focus();
    }
  };
  button.addEventListener('click', go);
  show(main, h('h1', {}, 'Sign in to Ringfence'), status, h('div', { class: 'card narrow' },
    h('p', {}, 'You sign in with your organisation account; the console shows the pages your roles allow.'), button));
  if (auto) go(); else button.focus();
}
