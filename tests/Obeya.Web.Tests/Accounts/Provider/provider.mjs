// A real OpenID Provider for the web tests: oidc-provider (OpenID certified) with its development login and
// consent pages, which accept any login name as the subject. Who a subject is (e-mail, whether the provider
// verified it, name) is read from OIDC_ACCOUNTS_FILE at every sign-in, so a test can add people while it runs.
//
// Environment: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_RP_URLS (Obeya's base addresses, comma-separated, for the
// redirect URIs),
// OIDC_ACCOUNTS_FILE, OIDC_TLS_CERT + OIDC_TLS_KEY (PEM files) to serve HTTPS (without them plain HTTP), and
// OIDC_RP_INITIATED_LOGOUT=false for a provider without an end-session endpoint.
// Listens on a free port of 127.0.0.1 and prints "issuer <url>" once it serves. Stops when stdin closes, so it
// never outlives the test process that started it.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

const relyingParties = env('OIDC_RP_URLS').split(',').map((url) => url.trim().replace(/\/$/, ''));
const accountsFile = env('OIDC_ACCOUNTS_FILE');
const tls = process.env.OIDC_TLS_CERT
  ? { cert: readFileSync(env('OIDC_TLS_CERT')), key: readFileSync(env('OIDC_TLS_KEY')) }
  : null;

const server = tls ? https.createServer(tls) : http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `${tls ? 'https' : 'http'}://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: env('OIDC_CLIENT_ID'),
      client_secret: env('OIDC_CLIENT_SECRET'),
      // ASP.NET Core's handler sends the secret in the token request's body.
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: relyingParties.map((rp) => `${rp}/signin-oidc`),
      post_logout_redirect_uris: relyingParties.map((rp) => `${rp}/signout-callback-oidc`),
    }],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // The default, said out loud: with the code flow the ID token carries no profile or e-mail claims, they come
    // from userinfo only, as the specification has it.
    conformIdTokenClaims: true,
    cookies: { keys: ['obeya-tests-only'] },
    features: {
      rpInitiatedLogout: { enabled: process.env.OIDC_RP_INITIATED_LOGOUT !== 'false' },
    },
    async findAccount(ctx, sub) {
      const people = JSON.parse(readFileSync(accountsFile, 'utf8'));
      const person = people[sub] ?? {};
      return {
        accountId: sub,
        async claims() {
          return { sub, ...person };
        },
      };
    },
  });
  provider.proxy = false;
  server.on('request', provider.callback());
  console.log(`issuer ${issuer}`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
