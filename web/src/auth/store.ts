// Where the signed-in session's tokens are kept (sessionStorage): read by the app's entry chunk too.
export const SESSION_STORE = 'obshub.session';
