/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  postcss: true,
  tailwind: false,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: the route manifest is one cacheable file (public/build/manifest-*.js) instead of a partial
    // manifest computed and inlined into every page, which cost about 0.6 ms of server CPU per page.
    v3_lazyRouteDiscovery: false,
  },
};
