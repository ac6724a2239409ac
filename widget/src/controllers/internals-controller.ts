// What the element reports to the page through ElementInternals after each render: its custom
// states (`:state(signed-in)`, …) and its form value and validity (the validated checkout id).

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { inLocale } from '../i18n';
import { t } from '../messages';
import type { FormState } from '../view-model';

export interface InternalsReport {
  states: Record<string, boolean>;
  form: FormState;
  /** A focusable element the browser points at when the form is not valid (the chosen reward). */
  anchor: () => HTMLElement | undefined;
  /** The element's locale, for the validity message. */
  locale: string;
}

export class InternalsController implements ReactiveController {
  private readonly internals: ElementInternals | null;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly report: () => InternalsReport,
  ) {
    this.internals = typeof host.attachInternals === 'function' ? host.attachInternals() : null;
    host.addController(this);
  }

  hostUpdated(): void {
    const internals = this.internals;
    if (!internals) return;
    const { states, form, anchor, locale } = this.report();
    const set = internals.states as CustomStateSet | undefined; // absent in older browsers
    for (const [name, on] of Object.entries(states)) {
      if (on) set?.add(name);
      else set?.delete(name);
    }
    internals.setFormValue(form.value);
    const messages = { pending: t.validityPending, invalid: t.validityInvalid, unchecked: t.validityUnchecked };
    if (form.validity === 'valid') internals.setValidity({});
    else internals.setValidity({ customError: true }, inLocale(locale, messages[form.validity]), anchor());
  }
}
