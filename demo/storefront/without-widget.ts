// What `@demo/widget` resolves to when the demo is built without the widget (DEMO_WITHOUT_WIDGET,
// for `npm run bench`'s page comparison): nothing, so the tag stays undefined.
export {};
