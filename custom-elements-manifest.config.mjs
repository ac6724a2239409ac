// Generates dist/widget/custom-elements.json from the element's JSDoc (@fires, @csspart, …).
// The analyzer also guesses events from dispatchEvent(new X(args)) and lists internal state as
// attributes; the plugin keeps only what the JSDoc and the public properties declare.

const INTERNAL = new Set(['selectedId', 'amount', 'lastError', 'signInProblem']);

const keepPublicSurface = {
  name: 'keep-public-surface',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('spendgo-'));
        if (declaration.attributes)
          declaration.attributes = declaration.attributes.filter((a) => !INTERNAL.has(a.fieldName ?? a.name));
        if (declaration.members) declaration.members = declaration.members.filter((m) => !INTERNAL.has(m.name));
      }
    }
  },
};

export default {
  globs: ['widget/src/index.ts', 'widget/src/spendgo-loyalty.ts', 'widget/src/events/*.ts'],
  outdir: 'dist/widget',
  litelement: true,
  plugins: [keepPublicSurface],
};
