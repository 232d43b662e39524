// A real OpenID Connect provider on localhost for the sign-in tests and for
// trying organisation mode without a municipality's identity provider.
//
//   node tests/oidc/provider.mjs            (port 9400, app at http://localhost:8501)
//   OIDC_PORT=9500 APP_URL=http://127.0.0.1:8600 node tests/oidc/provider.mjs
//
// Two users, each in one team through the "groups" claim:
//   anna  (Anna Noord)  groups: gg-netwerkkaart-noord
//   zeno  (Zeno Zuid)   groups: gg-netwerkkaart-zuid
// The login form accepts any password (oidc-provider's development
// interactions): this provider is for tests only.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 9400);
const host = process.env.OIDC_HOST || '127.0.0.1';
const appUrls = (process.env.APP_URL || 'http://localhost:8501,http://127.0.0.1:8501').split(',');
const issuer = `http://${host}:${port}`;

const USERS = {
  anna: { name: 'Anna Noord', groups: ['gg-netwerkkaart-noord'] },
  zeno: { name: 'Zeno Zuid', groups: ['gg-netwerkkaart-zuid'] },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'netwerkkaart',
    client_secret: 'netwerkkaart-test-secret',
    redirect_uris: appUrls.map((url) => `${url.replace(/\/$/, '')}/oauth2callback`),
    post_logout_redirect_uris: appUrls,
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], profile: ['name'], groups: ['groups'] },
  scopes: ['openid', 'profile', 'groups'],
  // Streamlit reads the ID token only (not the userinfo endpoint): put the claims there.
  conformIdTokenClaims: false,
  pkce: { required: () => false },
  cookies: { keys: ['netwerkkaart-test-cookie-key'] },
  async findAccount(_ctx, id) {
    const user = USERS[id];
    if (!user) return undefined;
    return { accountId: id, async claims() { return { sub: id, name: user.name, groups: user.groups }; } };
  },
});
provider.proxy = false;

provider.listen(port, host, () => {
  console.log(`oidc-provider ready at ${issuer}`);
});
