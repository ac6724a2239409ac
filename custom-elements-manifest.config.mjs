// Generates dist/widget/custom-elements.json from the element's JSDoc (@fires, @csspart, …).
// The analyzer also guesses events from dispatchEvent(new X(args)) and lists every member (and,
// from `static properties`, an attribute for each internal state too); the plugin keeps the
// events the JSDoc declares, and the members and attributes TypeScript calls public.

const keepPublicSurface = {
  name: 'keep-public-surface',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('spendgo-'));
        const hidden = new Set(
          (declaration.members ?? []).filter((m) => m.privacy && m.privacy !== 'public').map((m) => m.name),
        );
        if (declaration.members) declaration.members = declaration.members.filter((m) => !hidden.has(m.name));
        if (declaration.attributes)
          declaration.attributes = declaration.attributes.filter((a) => !a.fieldName || !hidden.has(a.fieldName));
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
