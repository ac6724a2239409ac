// Generates dist/widget/custom-elements.json from the element's JSDoc (@fires, @csspart, …).
// The analyzer also guesses events from dispatchEvent(new X(args)) and lists every member; the
// plugin keeps the events the JSDoc declares and the members TypeScript calls public.

const keepPublicSurface = {
  name: 'keep-public-surface',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const declaration of mod.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('spendgo-'));
        if (declaration.members)
          declaration.members = declaration.members.filter((m) => m.privacy === undefined || m.privacy === 'public');
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
