// oidc-provider ships no type declarations; the tests use it only to run a real provider.
declare module "oidc-provider";
