// The provider's own pages (sign-in, second factor, TOTP enrolment, errors): minimal server-rendered
// HTML forms, labelled and usable without JavaScript; every value is escaped.

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}
button{margin-top:1.25rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#a00000;border-left:4px solid #a00000;padding-left:.75rem}
code{word-break:break-all}ul.codes{font-family:monospace;font-size:1.1rem}`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} · obshub</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>
`;
}

export function errorPage(detail: string): string {
  return page('Sign-in problem', `<h1>Something went wrong</h1>${detail}`);
}

function alert(error: string | undefined): string {
  return error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
}

export interface FormContext {
  /** Where the form posts (the interaction's URL). */
  action: string;
  csrf: string;
  error?: string;
  clientName: string;
}

function form(ctx: FormContext, step: string, fields: string, submit: string): string {
  return `<form method="post" action="${escapeHtml(ctx.action)}">
<input type="hidden" name="csrf" value="${escapeHtml(ctx.csrf)}"><input type="hidden" name="step" value="${step}">
${fields}<button type="submit">${submit}</button></form>`;
}

function cancel(ctx: FormContext): string {
  return `<form method="post" action="${escapeHtml(ctx.action)}">
<input type="hidden" name="csrf" value="${escapeHtml(ctx.csrf)}"><input type="hidden" name="step" value="abort">
<button type="submit">Cancel</button></form>`;
}

export function passwordPage(ctx: FormContext, username = ''): string {
  return page(
    'Sign in',
    `<h1>Sign in to obshub</h1><p>to continue to ${escapeHtml(ctx.clientName)}</p>${alert(ctx.error)}
${form(
  ctx,
  'password',
  `<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(username)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>`,
  'Sign in',
)}${cancel(ctx)}`,
  );
}

const CODE_FIELD = `<label for="code">Code</label>
<input id="code" name="code" autocomplete="one-time-code" inputmode="text" required autofocus>`;

export function totpPage(ctx: FormContext): string {
  return page(
    'Two-factor authentication',
    `<h1>Two-factor authentication</h1>${alert(ctx.error)}
<p>Enter the 6-digit code of your authenticator app, or one of your recovery codes.</p>
${form(ctx, 'totp', CODE_FIELD, 'Verify')}${cancel(ctx)}`,
  );
}

export function enrolPage(ctx: FormContext, enrolment: { secret: string; uri: string }): string {
  return page(
    'Set up two-factor authentication',
    `<h1>Set up two-factor authentication</h1>${alert(ctx.error)}
<p>Your organisation requires a second factor. Add this account to an authenticator app: open
<a href="${escapeHtml(enrolment.uri)}">this otpauth:// link</a> on your phone, or enter the key by hand.</p>
<p>Key: <code>${escapeHtml(enrolment.secret)}</code></p>
<p>URI: <code>${escapeHtml(enrolment.uri)}</code></p>
${form(ctx, 'enrol', CODE_FIELD, 'Turn on and continue')}${cancel(ctx)}`,
  );
}

export function recoveryCodesPage(ctx: FormContext, codes: readonly string[]): string {
  return page(
    'Recovery codes',
    `<h1>Save your recovery codes</h1>
<p>Two-factor authentication is on. Each of these codes signs you in once when your authenticator is not at
hand. They are shown only now: store them somewhere safe.</p>
<ul class="codes">${codes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>
${form(ctx, 'continue', '', 'I saved them, continue')}`,
  );
}
