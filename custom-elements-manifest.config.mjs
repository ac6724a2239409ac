// Generates dist/widget/custom-elements.json from the element's JSDoc (@fires, @csspart, …).
// The analyzer also guesses events from dispatchEvent(new X(args)) and lists every member (and,
// from `static properties`, an attribute for each internal state too); the plugin keeps the
// events the JSDoc declares, and the members and attributes TypeScript calls public. The widget
// ships as one module (dist/spendgo-loyalty.js in @spendgo-loyalty/widget), so every source
// module is folded into it: the paths name the file a tool can import, never a .ts.

const SHIPPED = 'dist/spendgo-loyalty.js';

/** Points every `module` reference (exports, superclasses, inherited members) at the shipped file. */
function pointAtShipped(node) {
  if (Array.isArray(node)) node.forEach(pointAtShipped);
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === 'module' && typeof value === 'string' && /^(\.{1,2}\/|\/?widget\/src\/)/.test(value))
        node[key] = SHIPPED;
      else pointAtShipped(value);
    }
}

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
    const modules = customElementsManifest.modules;
    pointAtShipped(modules);
    const declarations = modules.flatMap((m) => m.declarations ?? []);
    const declared = new Set(declarations.map((d) => d.name));
    // Type-only re-exports (Reward, SpendgoCart, …) are not JavaScript: they live in the .d.ts.
    const exported = modules
      .flatMap((m) => m.exports ?? [])
      .filter((e) => e.kind === 'custom-element-definition' || declared.has(e.declaration?.name));
    customElementsManifest.modules = [
      {
        kind: 'javascript-module',
        path: SHIPPED,
        declarations,
        exports: [...new Map(exported.map((e) => [`${e.kind}:${e.name}`, e])).values()],
      },
    ];
  },
};

export default {
  globs: ['widget/src/index.ts', 'widget/src/spendgo-loyalty.ts', 'widget/src/events/*.ts'],
  outdir: 'dist/widget',
  litelement: true,
  plugins: [keepPublicSurface],
};
